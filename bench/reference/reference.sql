-- The reference analyst script of `npm run bench`: what a competent analyst would write in plain DuckDB SQL instead
-- of the observatory. It copies the national raw files of the demo (as published: `;`, comma decimals in Filosofi,
-- Latin-1 in the former CAF portal and some GIP logs, INSEE markers « s », « nd », « so », « ns ») into tables of a
-- database on disk, then computes five ratio-of-sums indicators of indicators/registry.ts for every commune and EPCI.
--
-- Paths are relative: run-reference.mjs sets file_search_path to the data folder, the folder where it unzipped the
-- archives, and the data of @etalab/decoupage-administratif (the EPCIs and their member communes).
-- No check, no long form, no COG harmonisation, no secret rules beyond « any secret member makes the EPCI unknown »:
-- that is the work the observatory does on top, and the bench says what it costs.

-- Census base-cc themes (2022), one table each.
CREATE OR REPLACE TABLE rp_population AS SELECT * FROM read_csv('base-cc-evol-struct-pop-2022.CSV', delim = ';', header = true, types = {'CODGEO': 'VARCHAR'});
CREATE OR REPLACE TABLE rp_menages AS SELECT * FROM read_csv('base-cc-coupl-fam-men-2022.CSV', delim = ';', header = true, types = {'CODGEO': 'VARCHAR'});
CREATE OR REPLACE TABLE rp_emploi AS SELECT * FROM read_csv('base-cc-emploi-pop-active-2022.CSV', delim = ';', header = true, types = {'CODGEO': 'VARCHAR'});
CREATE OR REPLACE TABLE rp_caract_emploi AS SELECT * FROM read_csv('base-cc-caract_emp-2022.CSV', delim = ';', header = true, types = {'CODGEO': 'VARCHAR'});
CREATE OR REPLACE TABLE rp_diplomes AS SELECT * FROM read_csv('base-cc-diplomes-formation-2022.CSV', delim = ';', header = true, types = {'CODGEO': 'VARCHAR'});
CREATE OR REPLACE TABLE rp_logement AS SELECT * FROM read_csv('base-cc-logement-2022.CSV', delim = ';', header = true, types = {'CODGEO': 'VARCHAR'});

-- Filosofi 2021, every level: comma decimals, and INSEE's markers read as missing values.
CREATE OR REPLACE MACRO filosofi(fichier) AS TABLE
  SELECT * FROM read_csv(fichier, delim = ';', header = true, decimal_separator = ',', nullstr = ['', 's', 'nd', 'so', 'ns', 'NA'], types = {'CODGEO': 'VARCHAR'});
CREATE OR REPLACE TABLE filosofi_communes AS FROM filosofi('cc_filosofi_2021_COM.csv');
CREATE OR REPLACE TABLE filosofi_epci AS FROM filosofi('cc_filosofi_2021_EPCI.csv');
CREATE OR REPLACE TABLE filosofi_departements AS FROM filosofi('cc_filosofi_2021_DEP.csv');
CREATE OR REPLACE TABLE filosofi_regions AS FROM filosofi('cc_filosofi_2021_REG.csv');
CREATE OR REPLACE TABLE filosofi_france AS FROM filosofi('cc_filosofi_2021_FRANCE.csv');

-- Other INSEE files: legal populations, the territorial comparator, the permanent equipment base (2.5 million rows).
CREATE OR REPLACE TABLE populations_legales AS SELECT * FROM read_csv('insee-pop/populations-legales-2022/donnees_communes.csv', delim = ';', header = true,
  types = {'CODREG': 'VARCHAR', 'CODDEP': 'VARCHAR', 'CODARR': 'VARCHAR', 'CODCAN': 'VARCHAR', 'CODCOM': 'VARCHAR'});
CREATE OR REPLACE TABLE comparateur AS SELECT * FROM read_csv('insee-comparateur/base_cc_comparateur.csv', delim = ';', header = true, types = {'CODGEO': 'VARCHAR'});
CREATE OR REPLACE TABLE bpe AS SELECT * FROM read_csv('insee-bpe/BPE24.csv', delim = ';', header = true,
  types = {'DEPCOM': 'VARCHAR', 'DEP': 'VARCHAR', 'REG': 'VARCHAR', 'CODPOS': 'VARCHAR', 'DCIRIS': 'VARCHAR', 'SIRET': 'VARCHAR', 'NUMVOIE': 'VARCHAR'});

-- CAF: Cafdata series, Onape coverage rates per level, and the former portal's yearly files (Latin-1).
CREATE OR REPLACE TABLE caf_beneficiaires AS SELECT * FROM read_csv('caf/s_ben_com_f.csv', delim = ';', header = true, types = {'numcomdo': 'VARCHAR'});
CREATE OR REPLACE TABLE caf_couverture_communes AS SELECT * FROM read_csv('caf/txcouv_pe_com.csv', delim = ';', header = true, types = {'numcom': 'VARCHAR', 'numdep': 'VARCHAR'});
CREATE OR REPLACE TABLE caf_couverture_epci AS SELECT * FROM read_csv('caf/txcouv_pe_epci.csv', delim = ';', header = true, types = {'numepci': 'VARCHAR', 'numdep': 'VARCHAR'});
CREATE OR REPLACE TABLE caf_couverture_departements AS SELECT * FROM read_csv('caf/txcouv_pe_dep.csv', delim = ';', header = true, types = {'numdep': 'VARCHAR'});
CREATE OR REPLACE TABLE caf_couverture_france AS SELECT * FROM read_csv('caf/txcouv_pe_nat.csv', delim = ';', header = true);
CREATE OR REPLACE TABLE caf_bas_revenus AS SELECT * FROM read_csv('caf/ancien-portail/Bas_revenu_Com_2020.csv', delim = ';', header = true, encoding = 'latin-1', types = {'Codes_Insee': 'VARCHAR'});
CREATE OR REPLACE TABLE caf_dependance AS SELECT * FROM read_csv('caf/ancien-portail/DependancePrestaCom2020.csv', delim = ';', header = true, encoding = 'latin-1', types = {'Codes_Insee': 'VARCHAR'});

-- Places: France services (ANCT) and the GIP's own places.
CREATE OR REPLACE TABLE france_services AS SELECT * FROM read_csv('anct-france-services/liste-fs-20240801.csv', delim = ',', header = true, types = {'insee_dep': 'VARCHAR', 'insee_com': 'VARCHAR', 'code_postal': 'VARCHAR'});
CREATE OR REPLACE TABLE lieux_gip AS SELECT * FROM read_csv('gip-lieux/lieux-gip-2025.csv', delim = ';', header = true, types = {'code_commune': 'VARCHAR'});

-- The GIP's activity logs, both years in one table each (the file name keeps the year).
CREATE OR REPLACE TABLE gip_appels AS SELECT * FROM read_csv('gip-activite/appels-nvs-20*.csv', delim = ';', header = true, encoding = 'latin-1', filename = true, all_varchar = true);
CREATE OR REPLACE TABLE gip_courtoisie AS SELECT * FROM read_csv('gip-activite/appels-courtoisie-20*.csv', delim = ';', header = true, filename = true, all_varchar = true);
CREATE OR REPLACE TABLE gip_colis AS SELECT * FROM read_csv('gip-activite/colis-alimentaires-20*.csv', delim = ';', header = true, encoding = 'latin-1', filename = true, all_varchar = true);
CREATE OR REPLACE TABLE gip_violences AS SELECT * FROM read_csv('gip-activite/fiches-violences-20*.csv', delim = ';', header = true, encoding = 'latin-1', filename = true, all_varchar = true);
CREATE OR REPLACE TABLE gip_interactions AS SELECT * FROM read_csv('gip-activite/interactions-20*.csv', delim = ',', header = true, filename = true, all_varchar = true);
CREATE OR REPLACE TABLE gip_camping_car AS SELECT * FROM read_csv('gip-activite/camping-car-connecte-20*.csv', delim = ',', header = true, filename = true, all_varchar = true);
CREATE OR REPLACE TABLE gip_site_web AS SELECT * FROM read_csv('gip-activite/site-internet-20*.csv', delim = ',', header = true, filename = true, all_varchar = true);

-- EPCIs of the current COG and their member communes.
CREATE OR REPLACE TABLE epci_membres AS
  SELECT code AS code_epci, membre.code AS code_commune
  FROM (SELECT code, unnest(membres) AS membre FROM read_json('epci.json', format = 'array'));

-- Five indicators of the registry, as numerator and denominator per commune:
-- n° 5 part_75p, n° 7 part_men_seul, n° 18 tx_rsa (latest CAF year), n° 23 tx_chomage, n° 33 medecins_generalistes.
CREATE OR REPLACE TABLE termes_communes AS
  SELECT 'part_75p' AS indicateur, 100 AS facteur, CODGEO AS code_commune, P22_POP7589 + P22_POP90P AS numerateur, P22_POP AS denominateur FROM rp_population
  UNION ALL
  SELECT 'part_men_seul', 100, CODGEO, C22_MENPSEUL, C22_MEN FROM rp_menages
  UNION ALL
  SELECT 'tx_rsa', 100, m.CODGEO, c.indfoy_rsa, m.C22_MEN
  FROM rp_menages m LEFT JOIN caf_beneficiaires c ON c.numcomdo = m.CODGEO AND c.dtreffre = (SELECT max(dtreffre) FROM caf_beneficiaires)
  UNION ALL
  SELECT 'tx_chomage', 100, CODGEO, P22_CHOM1564, P22_ACT1564 FROM rp_emploi
  UNION ALL
  -- D265: general practitioner in the 2024 nomenclature. Paris, Lyon and Marseille counted whole, like the census.
  SELECT 'medecins_generalistes', 10000, p.CODGEO, coalesce(b.medecins, 0), p.P22_POP
  FROM rp_population p LEFT JOIN (
    SELECT CASE WHEN DEPCOM BETWEEN '75101' AND '75120' THEN '75056' WHEN DEPCOM BETWEEN '69381' AND '69389' THEN '69123'
                WHEN DEPCOM BETWEEN '13201' AND '13216' THEN '13055' ELSE DEPCOM END AS code_commune, count(*) AS medecins
    FROM bpe WHERE TYPEQU = 'D265' GROUP BY ALL
  ) b ON b.code_commune = p.CODGEO;

-- Ratio of sums: an EPCI's value is the sum of its communes' numerators over the sum of their denominators, unknown
-- when a member's term is unknown (masked CAF cell).
CREATE OR REPLACE TABLE indicateurs AS
  SELECT 'commune' AS niveau, code_commune AS code_geo, indicateur, numerateur, denominateur,
         facteur * numerateur / nullif(denominateur, 0) AS valeur
  FROM termes_communes
  UNION ALL
  SELECT 'epci', m.code_epci, t.indicateur, sum(t.numerateur), sum(t.denominateur),
         CASE WHEN count(t.numerateur) = count(*) AND count(t.denominateur) = count(*)
              THEN any_value(t.facteur) * sum(t.numerateur) / nullif(sum(t.denominateur), 0) END
  FROM termes_communes t JOIN epci_membres m USING (code_commune)
  GROUP BY m.code_epci, t.indicateur;

CHECKPOINT;
