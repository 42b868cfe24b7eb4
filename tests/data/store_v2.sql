-- A store of schema 2 as mlcareers 4.1 wrote it (commit 28fc353): MSA_M2023_dl.xlsx (rows_2023),
-- oews.csv (two national rows, --period 'May 2024'), occupation.xlsx (ep_rows) and
-- MARPP_MSA_2021_2023.csv of tests/fixtures_*.py imported one by one, then a fifth file
-- imported and removed (so the id sequence, 5, runs past the last id, 4). Made by that code
-- and dumped with sqlite3's iterdump; tests/test_migration.py reads it.
BEGIN TRANSACTION;
CREATE TABLE areas (
    key TEXT NOT NULL,
    dataset INTEGER NOT NULL,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('nation', 'state', 'territory', 'metro', 'nonmetro')),
    area_type INTEGER,
    prim_state TEXT,
    states TEXT NOT NULL,
    PRIMARY KEY (key, dataset)
) WITHOUT ROWID;
INSERT INTO "areas" VALUES('12420',1,'12420','Austin-Round Rock-San Marcos, TX','metro',4,'TX','TX');
INSERT INTO "areas" VALUES('42660',1,'42660','Seattle-Tacoma-Bellevue, WA','metro',4,'WA','WA');
INSERT INTO "areas" VALUES('53',1,'53','Washington','state',2,'WA','WA');
INSERT INTO "areas" VALUES('99',1,'99','U.S.','nation',1,'US','');
INSERT INTO "areas" VALUES('99',2,'99','U.S.','nation',1,'US','');
CREATE TABLE datasets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    file TEXT NOT NULL,
    archive TEXT,
    source TEXT NOT NULL CHECK (source IN ('oews', 'ep', 'rpp')),
    period TEXT NOT NULL,
    year INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    annual_cap INTEGER,
    hourly_cap REAL,
    rows INTEGER NOT NULL,
    target_year INTEGER,
    UNIQUE (file, period)
);
INSERT INTO "datasets" VALUES(1,'MSA_M2023_dl.xlsx',NULL,'oews','May 2023',2023,'2026-12-05T12:49:32+00:00',239200,115.0,6,NULL);
INSERT INTO "datasets" VALUES(2,'oews.csv',NULL,'oews','May 2024',2024,'2026-12-05T12:49:32+00:00',239200,NULL,2,NULL);
INSERT INTO "datasets" VALUES(3,'occupation.xlsx',NULL,'ep','2024–34',2024,'2026-12-05T12:49:32+00:00',239200,NULL,5,2034);
INSERT INTO "datasets" VALUES(4,'MARPP_MSA_2021_2023.csv',NULL,'rpp','2021–2023',2021,'2026-12-05T12:49:32+00:00',NULL,NULL,14,2023);
CREATE TABLE figures (
    area TEXT NOT NULL,
    soc TEXT NOT NULL,
    dataset INTEGER NOT NULL,
    employment, jobs_per_1000, location_quotient, p10, p25, median, p75, p90, mean, h_p10, h_p25, h_median, h_p75, h_p90, h_mean,
    PRIMARY KEY (area, soc, dataset)
) WITHOUT ROWID;
INSERT INTO "figures" VALUES('12420','15-2051',1,2700,NULL,NULL,70000,90000,115000,148000,190000,122000,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('42660','15-2051',1,5600,NULL,NULL,86000,110000,142000,182000,232000,150000,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('53','15-2051',1,9100,NULL,NULL,78000,97000,125000,160000,205000,132000,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('99','15-1221',1,36440,NULL,NULL,81000,106000,145080,183000,'#',155880,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('99','15-1252',1,1656880,NULL,NULL,77000,99000,132270,167000,208620,138110,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('99','15-1252',2,1654440,NULL,NULL,79850,103050,133080,169000,211450,144570,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('99','15-2051',1,192710,NULL,NULL,61000,80000,108020,141000,184090,119040,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('99','15-2051',2,202900,NULL,NULL,70000,90000,112590,150000,194410,124590,30.1,40.2,54.1,70.3,90.4,59.9);
CREATE TABLE occupations (
    dataset INTEGER NOT NULL,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (dataset, code)
) WITHOUT ROWID;
INSERT INTO "occupations" VALUES(1,'15-1221','Computer and Information Research Scientists');
INSERT INTO "occupations" VALUES(1,'15-1252','Software Developers');
INSERT INTO "occupations" VALUES(1,'15-2051','Data Scientists');
INSERT INTO "occupations" VALUES(2,'15-1252','Software Developers');
INSERT INTO "occupations" VALUES(2,'15-2051','Data Scientists');
INSERT INTO "occupations" VALUES(3,'11-1011','Chief executives');
INSERT INTO "occupations" VALUES(3,'15-1221','Computer and information research scientists');
INSERT INTO "occupations" VALUES(3,'15-1252','Software developers');
INSERT INTO "occupations" VALUES(3,'15-2051','Data scientists');
INSERT INTO "occupations" VALUES(3,'29-1141','Registered nurses');
CREATE TABLE parities (
    dataset INTEGER NOT NULL,
    code TEXT NOT NULL,
    year INTEGER NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (code, year, dataset)
) WITHOUT ROWID;
INSERT INTO "parities" VALUES(4,'00000',2021,100.0);
INSERT INTO "parities" VALUES(4,'00000',2022,100.0);
INSERT INTO "parities" VALUES(4,'00000',2023,100.0);
INSERT INTO "parities" VALUES(4,'12420',2021,101.2);
INSERT INTO "parities" VALUES(4,'12420',2022,102.5);
INSERT INTO "parities" VALUES(4,'12420',2023,103.1);
INSERT INTO "parities" VALUES(4,'35620',2021,117.0);
INSERT INTO "parities" VALUES(4,'35620',2022,117.5);
INSERT INTO "parities" VALUES(4,'35620',2023,118.2);
INSERT INTO "parities" VALUES(4,'41940',2021,125.0);
INSERT INTO "parities" VALUES(4,'41940',2022,126.1);
INSERT INTO "parities" VALUES(4,'42660',2021,114.8);
INSERT INTO "parities" VALUES(4,'42660',2022,115.3);
INSERT INTO "parities" VALUES(4,'42660',2023,116.0);
CREATE TABLE projections (
    dataset INTEGER NOT NULL,
    soc TEXT NOT NULL,
    base_employment, target_employment, employment_change, percent_change, openings, median_wage, entry_education,
    median_wage_top_coded INTEGER NOT NULL DEFAULT 0 CHECK (median_wage_top_coded IN (0, 1)),
    PRIMARY KEY (dataset, soc)
) WITHOUT ROWID;
INSERT INTO "projections" VALUES(3,'11-1011',211400,202700,-8700,-4.1,16000,239200,'Bachelor''s degree',1);
INSERT INTO "projections" VALUES(3,'15-1221',40300,48400,8100,20.1,3400,140910,'Master''s degree',0);
INSERT INTO "projections" VALUES(3,'15-1252',1693800,1961600,267800,15.8,115200,133080,'Bachelor''s degree',0);
INSERT INTO "projections" VALUES(3,'15-2051',245900,327900,82000,33.5,23400,112590,'Bachelor''s degree',0);
INSERT INTO "projections" VALUES(3,'29-1141',3391000,3585100,194100,5.7,189100,93600,'Bachelor''s degree',0);
CREATE INDEX datasets_by_period ON datasets (period);
CREATE INDEX areas_by_dataset ON areas (dataset);
CREATE INDEX figures_by_occupation ON figures (soc, dataset);
CREATE INDEX projections_by_occupation ON projections (soc, dataset);
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('datasets',5);
PRAGMA user_version = 2;
COMMIT;
