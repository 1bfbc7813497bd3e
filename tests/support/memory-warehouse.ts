// An in-memory warehouse closed when the current test finishes, so a failed assertion never leaks a connection.
import { onTestFinished } from "vitest";
import { Warehouse } from "../../pipelines/core/warehouse.ts";

export async function memoryWarehouse(): Promise<Warehouse> {
  const warehouse = await Warehouse.open(":memory:");
  onTestFinished(() => warehouse.close());
  return warehouse;
}
