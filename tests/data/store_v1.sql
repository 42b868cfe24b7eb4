-- A store of schema 1 as mlcareers 3.0 wrote it (commit 76ebfc6): MSA_M2020_dl.xlsx,
-- MSA_M2023_dl.xlsx and MSA_M2024_dl.xlsx of tests/fixtures_official.py imported, then a
-- fourth file imported and removed (so the id sequence, 4, runs past the last id, 3).
-- Made by that code and dumped with sqlite3's iterdump; tests/test_migration.py reads it.
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
INSERT INTO "areas" VALUES('12420',2,'12420','Austin-Round Rock-San Marcos, TX','metro',4,'TX','TX');
INSERT INTO "areas" VALUES('12420',3,'12420','Austin-Round Rock-San Marcos, TX','metro',4,'TX','TX');
INSERT INTO "areas" VALUES('32420',3,'32420','Mayagüez, PR','metro',4,'PR','PR');
INSERT INTO "areas" VALUES('35620',3,'35620','New York-Newark-Jersey City, NY-NJ','metro',4,'NY','NY NJ');
INSERT INTO "areas" VALUES('38860',3,'38860','Portland-South Portland, ME','metro',4,'ME','ME');
INSERT INTO "areas" VALUES('38900',3,'38900','Portland-Vancouver-Hillsboro, OR-WA','metro',4,'OR','OR WA');
INSERT INTO "areas" VALUES('41940',3,'41940','San Jose-Sunnyvale-Santa Clara, CA','metro',4,'CA','CA');
INSERT INTO "areas" VALUES('42660',1,'42660','Seattle-Tacoma-Bellevue, WA','metro',4,'WA','WA');
INSERT INTO "areas" VALUES('42660',2,'42660','Seattle-Tacoma-Bellevue, WA','metro',4,'WA','WA');
INSERT INTO "areas" VALUES('42660',3,'42660','Seattle-Tacoma-Bellevue, WA','metro',4,'WA','WA');
INSERT INTO "areas" VALUES('48',3,'48','Texas','state',2,'TX','TX');
INSERT INTO "areas" VALUES('4800003',3,'4800003','Big Thicket Region of Texas nonmetropolitan area','nonmetro',6,'TX','TX');
INSERT INTO "areas" VALUES('53',2,'53','Washington','state',2,'WA','WA');
INSERT INTO "areas" VALUES('53',3,'53','Washington','state',2,'WA','WA');
INSERT INTO "areas" VALUES('72',3,'72','Puerto Rico','territory',3,'PR','PR');
INSERT INTO "areas" VALUES('99',1,'99','U.S.','nation',1,'US','');
INSERT INTO "areas" VALUES('99',2,'99','U.S.','nation',1,'US','');
INSERT INTO "areas" VALUES('99',3,'99','U.S.','nation',1,'US','');
CREATE TABLE datasets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    file TEXT NOT NULL,
    archive TEXT,
    source TEXT NOT NULL CHECK (source IN ('oews')),
    period TEXT NOT NULL,
    year INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    annual_cap INTEGER,
    hourly_cap REAL,
    rows INTEGER NOT NULL,
    UNIQUE (file, period)
);
INSERT INTO "datasets" VALUES(1,'MSA_M2020_dl.xlsx',NULL,'oews','May 2020',2020,'2026-12-05T10:04:47+00:00',239200,115.0,5);
INSERT INTO "datasets" VALUES(2,'MSA_M2023_dl.xlsx',NULL,'oews','May 2023',2023,'2026-12-05T10:04:47+00:00',239200,115.0,6);
INSERT INTO "datasets" VALUES(3,'MSA_M2024_dl.xlsx',NULL,'oews','May 2024',2024,'2026-12-05T10:04:47+00:00',239200,115.0,23);
CREATE TABLE figures (
    area TEXT NOT NULL,
    soc TEXT NOT NULL,
    dataset INTEGER NOT NULL,
    employment, jobs_per_1000, location_quotient, p10, p25, median, p75, p90, mean, h_p10, h_p25, h_median, h_p75, h_p90, h_mean,
    PRIMARY KEY (area, soc, dataset)
) WITHOUT ROWID;
INSERT INTO "figures" VALUES('12420','15-1221',3,'**',NULL,NULL,'*','*','*','*','*','*',30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('12420','15-1252',3,38000,NULL,NULL,90000,115000,145000,180000,'#',150000,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('12420','15-1256',1,30000,NULL,NULL,70000,88000,112000,140000,170000,116000,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('12420','15-2051',2,2700,NULL,NULL,70000,90000,115000,148000,190000,122000,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('12420','15-2051',3,2950,NULL,NULL,75000,95000,121000,155000,201000,128000,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('32420','15-1252',3,'**','~','~','*','*','*','*','*','*','*','*','*','*','*','*');
INSERT INTO "figures" VALUES('32420','15-2051',3,40,0.8,0.6,28000,33000,41000,52000,66000,44000,13.46,15.87,19.71,25.0,31.73,21.15);
INSERT INTO "figures" VALUES('35620','15-1252',3,95000,9.8,1.5,95000,125000,160000,200000,'#',168000,45.67,60.1,76.92,96.15,'#',80.77);
INSERT INTO "figures" VALUES('35620','15-2051',3,16500,1.7,1.2,75000,98000,130000,170000,215000,139000,36.06,47.12,62.5,81.73,103.37,66.83);
INSERT INTO "figures" VALUES('38860','15-2051',3,200,NULL,NULL,60000,75000,95000,120000,150000,99000,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('38900','15-2051',3,1500,NULL,NULL,70000,88000,110000,140000,180000,115000,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('41940','15-1252',3,80000,70.5,10.9,140000,175000,215000,'#','#',220000,67.31,84.13,103.37,'#','#',105.77);
INSERT INTO "figures" VALUES('41940','15-2051',3,6400,5.6,4.1,120000,150000,190000,'#','#',200000,57.69,72.12,91.35,'#','#',96.15);
INSERT INTO "figures" VALUES('42660','15-1221',3,'~',NULL,NULL,110000,140000,180000,220000,'#',185000,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('42660','15-2051',2,5600,NULL,NULL,86000,110000,142000,182000,232000,150000,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('42660','15-2051',3,6000,NULL,NULL,90000,115000,150000,190000,'#',158000,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('42660','15-2098',1,1900,NULL,NULL,75000,95000,120000,152000,190000,125000,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('48','15-2051',3,15000,NULL,NULL,60000,80000,101000,130000,170000,110000,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('4800003','15-2051',3,30,0.4,0.3,50000,62000,78000,95000,118000,80000,24.04,29.81,37.5,45.67,56.73,38.46);
INSERT INTO "figures" VALUES('53','15-1252',3,98000,27.1,3.2,100000,130000,165000,'#','#',175000,48.08,62.5,79.33,'#','#',84.13);
INSERT INTO "figures" VALUES('53','15-2051',2,9100,NULL,NULL,78000,97000,125000,160000,205000,132000,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('53','15-2051',3,9800,2.7,1.9,80000,100000,130000,165000,210000,138000,38.46,48.08,62.5,79.33,100.96,66.35);
INSERT INTO "figures" VALUES('72','15-2051',3,150,0.2,0.14,30000,36000,45000,58000,72000,48000,14.42,17.31,21.63,27.88,34.62,23.08);
INSERT INTO "figures" VALUES('99','00-0000',3,151853870,NULL,NULL,70000,90000,112590,150000,194410,124590,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('99','15-1221',1,31770,NULL,NULL,72000,95000,126830,160000,194430,131490,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('99','15-1221',2,36440,NULL,NULL,81000,106000,145080,183000,'#',155880,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('99','15-1221',3,36600,NULL,NULL,84000,110000,140910,180000,'#',150000,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('99','15-1252',2,1656880,NULL,NULL,77000,99000,132270,167000,208620,138110,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('99','15-1252',3,1654440,NULL,NULL,79850,103050,133080,169000,211450,144570,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('99','15-1256',1,1847900,NULL,NULL,65000,84000,110140,140000,170100,114270,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('99','15-2051',2,192710,NULL,NULL,61000,80000,108020,141000,184090,119040,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('99','15-2051',3,202900,NULL,NULL,70000,90000,112590,150000,194410,124590,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('99','15-2098',1,59980,NULL,NULL,51000,67000,94280,124000,160000,103000,30.1,40.2,54.1,70.3,90.4,59.9);
INSERT INTO "figures" VALUES('99','29-1141',3,202900,NULL,NULL,70000,90000,112590,150000,194410,124590,30.1,40.2,54.1,70.3,90.4,59.9);
CREATE TABLE occupations (
    dataset INTEGER NOT NULL,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (dataset, code)
) WITHOUT ROWID;
INSERT INTO "occupations" VALUES(1,'15-1221','Computer and Information Research Scientists');
INSERT INTO "occupations" VALUES(1,'15-1256','Software Developers and Software Quality Assurance Analysts and Testers');
INSERT INTO "occupations" VALUES(1,'15-2098','Data Scientists and Mathematical Science Occupations, All Other');
INSERT INTO "occupations" VALUES(2,'15-1221','Computer and Information Research Scientists');
INSERT INTO "occupations" VALUES(2,'15-1252','Software Developers');
INSERT INTO "occupations" VALUES(2,'15-2051','Data Scientists');
INSERT INTO "occupations" VALUES(3,'00-0000','All Occupations');
INSERT INTO "occupations" VALUES(3,'15-1221','Computer and Information Research Scientists');
INSERT INTO "occupations" VALUES(3,'15-1252','Software Developers');
INSERT INTO "occupations" VALUES(3,'15-2051','Data Scientists');
INSERT INTO "occupations" VALUES(3,'29-1141','Registered Nurses');
CREATE INDEX datasets_by_period ON datasets (period);
CREATE INDEX areas_by_dataset ON areas (dataset);
CREATE INDEX figures_by_occupation ON figures (soc, dataset);
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('datasets',4);
PRAGMA user_version = 1;
COMMIT;
