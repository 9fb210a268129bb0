-- Schema of the orders database (patterns/api-gateway). Re-runnable: the stack runs it during
-- terraform apply before the grant script; the workflows' statements name these columns.
IF OBJECT_ID(N'dbo.Orders', N'U') IS NULL
    CREATE TABLE dbo.Orders (
        Id         NVARCHAR(64)  NOT NULL PRIMARY KEY,
        CustomerId NVARCHAR(64)  NOT NULL,
        Status     NVARCHAR(20)  NOT NULL,
        Amount     DECIMAL(18,2) NOT NULL,
        Currency   NCHAR(3)      NOT NULL,
        CreatedAt  DATETIME2     NOT NULL
    );
GO
