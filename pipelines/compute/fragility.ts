// When a value resting on the census's complementary exploitation (a sample of about a quarter of the dwellings) is
// too small to be read without caution.

/** Below this weighted denominator, a value resting on the census's complementary sample is fragile. */
export const COMPLEMENTARY_SAMPLE_MIN = 500;
