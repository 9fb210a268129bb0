-- Control table of the data pipeline (patterns/data-pipeline): the tables ingest-onprem copies.
-- Re-runnable: the stack runs it during terraform apply. The data flow reads raw/Customers/, so
-- dbo.Customers is listed once; rows you add or disable later are left as they are.
IF SCHEMA_ID(N'etl') IS NULL
    EXEC (N'CREATE SCHEMA etl');
GO
IF OBJECT_ID(N'etl.TablesToLoad', N'U') IS NULL
    CREATE TABLE etl.TablesToLoad (
        SchemaName sysname NOT NULL,
        TableName  sysname NOT NULL,
        Enabled    bit     NOT NULL DEFAULT 1,
        CONSTRAINT PK_TablesToLoad PRIMARY KEY (SchemaName, TableName)
    );
GO
IF NOT EXISTS (SELECT 1 FROM etl.TablesToLoad WHERE SchemaName = N'dbo' AND TableName = N'Customers')
    INSERT INTO etl.TablesToLoad (SchemaName, TableName) VALUES (N'dbo', N'Customers');
GO
