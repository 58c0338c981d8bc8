<#--
  ShardSQL's productions, included into Calcite's Parser.jj template (see ../config.fmpp).

  Conventions: every production is named Shard*; each builds one of the SqlNode classes of
  io.shardsql.sql.parser; errors that the grammar alone cannot express (two primary keys, conflicting
  NULL / NOT NULL, ...) are thrown with ShardSqlParserUtil.error(pos, message) so that they carry a
  position like any syntax error. The grammar is documented in docs/sql.md.
-->

/** {@code IF NOT EXISTS}, or nothing. Three tokens of lookahead keep "if" usable as a name. */
boolean ShardIfNotExistsOpt() :
{
}
{
    LOOKAHEAD(3) <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

/** {@code IF EXISTS}, or nothing. */
boolean ShardIfExistsOpt() :
{
}
{
    LOOKAHEAD(2) <IF> <EXISTS> { return true; }
|
    { return false; }
}

/** {@code TEXT} (an unbounded VARCHAR) and {@code BYTEA} (an unbounded VARBINARY), PostgreSQL's names. */
SqlTypeNameSpec ShardExtraTypeName() :
{
    final SqlTypeName typeName;
}
{
    (
        <TEXT> { typeName = SqlTypeName.VARCHAR; }
    |
        <BYTEA> { typeName = SqlTypeName.VARBINARY; }
    )
    {
        return new SqlBasicTypeNameSpec(typeName, getPos());
    }
}

/**
 * {@code name type [NOT NULL | NULL] [DEFAULT expr] [PRIMARY KEY] [GENERATED ... AS IDENTITY [(...)]]
 * [[CONSTRAINT c] CHECK (expr)] [[CONSTRAINT c] UNIQUE]}, the options in any order (as PostgreSQL accepts them); the type may be SERIAL, BIGSERIAL or SMALLSERIAL.
 */
SqlColumnDef ShardColumnDef() :
{
    final SqlIdentifier name;
    final SqlDataTypeSpec type;
    Boolean nullable = null;
    SqlNode defaultValue = null;
    boolean primaryKey = false;
    SqlColumnDef.Generated generated = SqlColumnDef.Generated.NONE;
    final List<SequenceOption> sequenceOptions = new ArrayList<SequenceOption>();
    final List<SqlNode> constraints = new ArrayList<SqlNode>();
    SqlNode constraint;
}
{
    name = SimpleIdentifier()
    (
        LOOKAHEAD(1) type = ShardSerialType() { generated = SqlColumnDef.Generated.SERIAL; }
    |
        type = DataType()
    )
    (
        generated = ShardIdentity(generated, name, sequenceOptions)
    |
        <NOT> <NULL> {
            nullable = ShardSqlParserUtil.nullability(nullable, false, name, getPos());
        }
    |
        <NULL> {
            nullable = ShardSqlParserUtil.nullability(nullable, true, name, getPos());
        }
    |
        <DEFAULT_> {
            if (defaultValue != null) {
                throw ShardSqlParserUtil.error(getPos(),
                    "multiple default values specified for column " + name);
            }
        }
        defaultValue = Expression(ExprContext.ACCEPT_NON_QUERY)
    |
        <PRIMARY> <KEY> {
            if (primaryKey) {
                throw ShardSqlParserUtil.error(getPos(),
                    "PRIMARY KEY given twice for column " + name);
            }
            primaryKey = true;
        }
    |
        constraint = ShardColumnConstraint(name) { constraints.add(constraint); }
    )*
    {
        final SqlParserPos pos = Span.of(name).end(this);
        return new SqlColumnDef(pos, name, type,
            ShardSqlParserUtil.notNull(nullable, primaryKey, name, pos), defaultValue, primaryKey, generated,
            sequenceOptions, constraints);
    }
}

/**
 * A table constraint: {@code [CONSTRAINT name] PRIMARY KEY (col, ...)}, {@code [CONSTRAINT name] UNIQUE (col, ...)},
 * {@code [CONSTRAINT name] CHECK (expr)} or {@code [CONSTRAINT name] FOREIGN KEY (col, ...) REFERENCES ...}.
 * A sub-query in the CHECK parses; the catalog refuses it (0A000).
 */
SqlNode ShardTableConstraint() :
{
    SqlForeignKeyConstraint fk;
    SqlIdentifier name = null;
    final SqlNodeList columns;
    final SqlNode expression;
    final Span s = Span.of();
}
{
    [ <CONSTRAINT> { s.add(this); } name = SimpleIdentifier() ]
    (
        <PRIMARY> { s.add(this); } <KEY>
        columns = ParenthesizedSimpleIdentifierList() {
            return new SqlPrimaryKey(s.end(columns), name, columns);
        }
    |
        <UNIQUE> { s.add(this); }
        columns = ParenthesizedSimpleIdentifierList() {
            return new SqlUniqueConstraint(s.end(columns), name, columns);
        }
    |
        <CHECK> { s.add(this); } <LPAREN> expression = Expression(ExprContext.ACCEPT_SUB_QUERY) <RPAREN> {
            return new SqlCheckConstraint(s.end(this), name, expression);
        }
    |
        <FOREIGN> { s.add(this); } <KEY>
        columns = ParenthesizedSimpleIdentifierList()
        fk = ShardReferences(s, name, columns) {
            return fk;
        }
    )
}

/**
 * {@code REFERENCES parent [(col, ...)] [MATCH SIMPLE] [ON DELETE action] [ON UPDATE action]} (the actions in
 * either order, each at most once) of a FOREIGN KEY whose referencing columns are {@code columns}.
 */
SqlForeignKeyConstraint ShardReferences(Span s, SqlIdentifier name, SqlNodeList columns) :
{
    final SqlIdentifier parent;
    SqlNodeList parentColumns = null;
    String onDelete = null;
    String onUpdate = null;
    String action;
}
{
    <REFERENCES> { s.add(this); } parent = CompoundIdentifier()
    [ parentColumns = ParenthesizedSimpleIdentifierList() ]
    [ <MATCH> <SIMPLE> ]
    (
        <ON>
        (
            <DELETE> action = ShardReferentialAction() {
                if (onDelete != null) throw ShardSqlParserUtil.error(getPos(), "ON DELETE given twice");
                onDelete = action;
            }
        |
            <UPDATE> action = ShardReferentialAction() {
                if (onUpdate != null) throw ShardSqlParserUtil.error(getPos(), "ON UPDATE given twice");
                onUpdate = action;
            }
        )
    )*
    {
        return new SqlForeignKeyConstraint(s.end(this), name, columns, parent, parentColumns, onDelete, onUpdate);
    }
}

/** {@code NO ACTION | RESTRICT | CASCADE | SET NULL | SET DEFAULT}, as written. */
String ShardReferentialAction() :
{
}
{
    <NO> <ACTION> { return "NO ACTION"; }
|
    <RESTRICT> { return "RESTRICT"; }
|
    <CASCADE> { return "CASCADE"; }
|
    LOOKAHEAD(2) <SET> <NULL> { return "SET NULL"; }
|
    <SET> <DEFAULT_> { return "SET DEFAULT"; }
}

/**
 * {@code [CONSTRAINT name] CHECK (expr)}, {@code [CONSTRAINT name] UNIQUE} or
 * {@code [CONSTRAINT name] REFERENCES parent [(col)] ...} written on {@code column}.
 */
SqlNode ShardColumnConstraint(SqlIdentifier column) :
{
    SqlForeignKeyConstraint fk;
    SqlIdentifier name = null;
    final SqlNode expression;
    final Span s = Span.of();
}
{
    [ <CONSTRAINT> { s.add(this); } name = SimpleIdentifier() ]
    (
        <CHECK> { s.add(this); } <LPAREN> expression = Expression(ExprContext.ACCEPT_SUB_QUERY) <RPAREN> {
            return new SqlCheckConstraint(s.end(this), name, expression);
        }
    |
        <UNIQUE> {
            s.add(this);
            return new SqlUniqueConstraint(s.end(this), name, SqlNodeList.of(column));
        }
    |
        fk = ShardReferences(s, name, SqlNodeList.of(column)) {
            return fk;
        }
    )
}

/** {@code CREATE TABLE [IF NOT EXISTS] name (column or constraint, ...)}. */
SqlCreate ShardCreateTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final List<SqlNode> elements = new ArrayList<SqlNode>();
    SqlNode element;
}
{
    <TABLE> {
        ShardSqlParserUtil.noOrReplace(replace, "TABLE", s.pos());
    }
    ifNotExists = ShardIfNotExistsOpt()
    name = CompoundIdentifier()
    <LPAREN>
    (
        element = ShardTableConstraint()
    |
        element = ShardColumnDef()
    )
    { elements.add(element); }
    (
        <COMMA>
        (
            element = ShardTableConstraint()
        |
            element = ShardColumnDef()
        )
        { elements.add(element); }
    )*
    <RPAREN>
    {
        return SqlCreateTable.of(s.end(this), ifNotExists, name, elements);
    }
}

/**
 * {@code CREATE [UNIQUE] INDEX [[IF NOT EXISTS] name] ON table (col [ASC | DESC] [NULLS {FIRST | LAST}], ...)}.
 */
SqlCreate ShardCreateIndex(Span s, boolean replace) :
{
    boolean unique = false;
    boolean ifNotExists = false;
    SqlIdentifier name = null;
    final SqlIdentifier table;
    final SqlNodeList columns;
}
{
    [ <UNIQUE> { unique = true; } ]
    <INDEX> {
        ShardSqlParserUtil.noOrReplace(replace, "INDEX", s.pos());
    }
    [
        ifNotExists = ShardIfNotExistsOpt()
        name = CompoundIdentifier()
    ]
    <ON> table = CompoundIdentifier()
    columns = ShardIndexColumns()
    {
        return new SqlCreateIndex(s.end(this), unique, ifNotExists, name, table, columns);
    }
}

/** {@code (col [ASC | DESC] [NULLS {FIRST | LAST}], ...)} of CREATE INDEX. */
SqlNodeList ShardIndexColumns() :
{
    final Span s;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    SqlNode column;
}
{
    <LPAREN> { s = span(); }
    column = ShardIndexColumn() { columns.add(column); }
    ( <COMMA> column = ShardIndexColumn() { columns.add(column); } )*
    <RPAREN>
    { return new SqlNodeList(columns, s.end(this)); }
}

/**
 * One indexed column with its order, as an ORDER BY item is built: the name, under {@code DESC} if descending,
 * under {@code NULLS FIRST} / {@code NULLS LAST} if given.
 */
SqlNode ShardIndexColumn() :
{
    SqlNode e;
}
{
    e = SimpleIdentifier()
    [
        <ASC>
    |
        <DESC> { e = SqlStdOperatorTable.DESC.createCall(getPos(), e); }
    ]
    [
        LOOKAHEAD(2) <NULLS> <FIRST> { e = SqlStdOperatorTable.NULLS_FIRST.createCall(getPos(), e); }
    |
        <NULLS> <LAST> { e = SqlStdOperatorTable.NULLS_LAST.createCall(getPos(), e); }
    ]
    { return e; }
}

/** {@code CREATE USER [IF NOT EXISTS] name [WITH] PASSWORD 'secret'}. */
SqlCreate ShardCreateUser(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final SqlNode password;
}
{
    <USER> {
        ShardSqlParserUtil.noOrReplace(replace, "USER", s.pos());
    }
    ifNotExists = ShardIfNotExistsOpt()
    name = SimpleIdentifier()
    password = ShardPassword()
    {
        return new SqlCreateUser(s.end(this), ifNotExists, name, password);
    }
}

/** {@code CREATE ROLE [IF NOT EXISTS] name}. */
SqlCreate ShardCreateRole(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
}
{
    <ROLE> {
        ShardSqlParserUtil.noOrReplace(replace, "ROLE", s.pos());
    }
    ifNotExists = ShardIfNotExistsOpt()
    name = SimpleIdentifier()
    {
        return new SqlCreateRole(s.end(this), ifNotExists, name);
    }
}

/** {@code DROP ROLE [IF EXISTS] name}. */
SqlDrop ShardDropRole(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    <ROLE> ifExists = ShardIfExistsOpt() name = SimpleIdentifier() {
        return new SqlDropRole(s.end(this), ifExists, name);
    }
}

/**
 * {@code GRANT privileges ON [TABLE] t, ... TO grantee, ...}, {@code GRANT privileges ON SEQUENCE s, ... TO ...},
 * {@code GRANT CREATE ON DATABASE d TO ...},
 * {@code GRANT role, ... TO user, ...}, and the same with {@code REVOKE ... FROM}.
 */
SqlNode ShardGrantOrRevoke() :
{
    final Span s;
    final boolean grant;
    final List<String> privileges = new ArrayList<String>();
    SqlGrantOrRevoke.Target target = SqlGrantOrRevoke.Target.ROLE;
    final List<SqlIdentifier> objects = new ArrayList<SqlIdentifier>();
    final List<SqlIdentifier> grantees = new ArrayList<SqlIdentifier>();
    SqlIdentifier id;
}
{
    (
        <GRANT> { s = span(); grant = true; }
    |
        <REVOKE> { s = span(); grant = false; }
    )
    (
        // USAGE is also a name: a list of privileges is told from a list of roles by the ON after it
        LOOKAHEAD(ShardPrivilege(privileges) ( <COMMA> ShardPrivilege(privileges) )* <ON>)
        ShardPrivilege(privileges) ( <COMMA> ShardPrivilege(privileges) )*
        <ON>
        (
            LOOKAHEAD(2) <DATABASE> id = SimpleIdentifier() {
                target = SqlGrantOrRevoke.Target.DATABASE;
                objects.add(id);
                if (!privileges.equals(java.util.List.of("CREATE"))) {
                    throw ShardSqlParserUtil.error(getPos(), "only CREATE is granted on a database");
                }
            }
        |
            LOOKAHEAD(2) <SEQUENCE> id = CompoundIdentifier() {
                target = SqlGrantOrRevoke.Target.SEQUENCE;
                objects.add(id);
                for (String p : privileges) {
                    if (!p.equals("USAGE") && !p.equals("SELECT") && !p.equals("UPDATE") && !p.equals("ALL")) {
                        throw ShardSqlParserUtil.error(getPos(), "a sequence only has USAGE, SELECT and UPDATE, not "
                            + p);
                    }
                }
            }
            ( <COMMA> id = CompoundIdentifier() { objects.add(id); } )*
        |
            [ <TABLE> ] id = CompoundIdentifier() {
                target = SqlGrantOrRevoke.Target.TABLE;
                objects.add(id);
                if (privileges.contains("CREATE")) {
                    throw ShardSqlParserUtil.error(getPos(), "CREATE is granted on a database, not on a table");
                }
                if (privileges.contains("USAGE")) {
                    throw ShardSqlParserUtil.error(getPos(), "USAGE is granted on a sequence, not on a table");
                }
            }
            ( <COMMA> id = CompoundIdentifier() { objects.add(id); } )*
        )
    |
        id = SimpleIdentifier() { objects.add(id); }
        ( <COMMA> id = SimpleIdentifier() { objects.add(id); } )*
    )
    (
        LOOKAHEAD({ grant }) <TO>
    |
        <FROM>
    )
    id = SimpleIdentifier() { grantees.add(id); }
    ( <COMMA> id = SimpleIdentifier() { grantees.add(id); } )*
    {
        return new SqlGrantOrRevoke(s.end(this), grant, target, privileges, objects, grantees);
    }
}

/** One privilege of GRANT or REVOKE, added to {@code list} by name ({@code ALL} for ALL [PRIVILEGES]). */
void ShardPrivilege(List<String> list) :
{
}
{
    <SELECT> { list.add("SELECT"); }
|
    <INSERT> { list.add("INSERT"); }
|
    <UPDATE> { list.add("UPDATE"); }
|
    <DELETE> { list.add("DELETE"); }
|
    <CREATE> { list.add("CREATE"); }
|
    <USAGE> { list.add("USAGE"); }
|
    <ALL> [ <PRIVILEGES> ] { list.add("ALL"); }
}

/** {@code [WITH] PASSWORD 'secret'}. */
SqlNode ShardPassword() :
{
    final SqlNode password;
}
{
    [ <WITH> ] <PASSWORD> password = StringLiteral() { return password; }
}

/** {@code DROP TABLE [IF EXISTS] name [CASCADE | RESTRICT]}. */
SqlDrop ShardDropTable(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
    final boolean cascade;
}
{
    <TABLE> ifExists = ShardIfExistsOpt() name = CompoundIdentifier() cascade = ShardCascadeOpt() {
        return new SqlDropTable(s.end(this), ifExists, name, cascade);
    }
}

/** {@code CASCADE} (true), {@code RESTRICT} or nothing (false). */
boolean ShardCascadeOpt() :
{
}
{
    <CASCADE> { return true; }
|
    <RESTRICT> { return false; }
|
    { return false; }
}

/** {@code CREATE [OR REPLACE] VIEW name [(column, ...)] AS query}. */
SqlCreate ShardCreateView(Span s, boolean replace) :
{
    final SqlIdentifier name;
    SqlNodeList columns = null;
    final SqlNode query;
}
{
    <VIEW> name = CompoundIdentifier()
    [ columns = ParenthesizedSimpleIdentifierList() ]
    <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) {
        return new SqlCreateView(s.end(this), replace, name, columns, query);
    }
}

/** {@code DROP VIEW [IF EXISTS] name [CASCADE | RESTRICT]}. */
SqlDrop ShardDropView(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
    final boolean cascade;
}
{
    <VIEW> ifExists = ShardIfExistsOpt() name = CompoundIdentifier() cascade = ShardCascadeOpt() {
        return new SqlDropView(s.end(this), ifExists, name, cascade);
    }
}

/**
 * {@code TRUNCATE [TABLE] name [, ...] [RESTART IDENTITY | CONTINUE IDENTITY] [CASCADE | RESTRICT]}.
 */
SqlNode ShardTruncate() :
{
    final Span s;
    final List<SqlNode> tables = new ArrayList<SqlNode>();
    SqlIdentifier table;
    boolean restart = false;
    final boolean cascade;
}
{
    <TRUNCATE> { s = span(); } [ <TABLE> ]
    table = CompoundIdentifier() { tables.add(table); }
    ( <COMMA> table = CompoundIdentifier() { tables.add(table); } )*
    [ <RESTART> <IDENTITY> { restart = true; } | <CONTINUE> <IDENTITY> ]
    cascade = ShardCascadeOpt() {
        return new SqlTruncateTable(s.end(this), new SqlNodeList(tables, s.end(this)), restart, cascade);
    }
}

/** {@code DROP INDEX [IF EXISTS] name}. */
SqlDrop ShardDropIndex(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    <INDEX> ifExists = ShardIfExistsOpt() name = CompoundIdentifier() {
        return new SqlDropIndex(s.end(this), ifExists, name);
    }
}

/** {@code DROP USER [IF EXISTS] name}. */
SqlDrop ShardDropUser(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    <USER> ifExists = ShardIfExistsOpt() name = SimpleIdentifier() {
        return new SqlDropUser(s.end(this), ifExists, name);
    }
}

/**
 * {@code ALTER TABLE [IF EXISTS] name ...}, one of:
 * {@code ALTER TABLE name ADD [COLUMN] [IF NOT EXISTS] column-definition},
 * {@code ALTER TABLE name DROP [COLUMN] [IF EXISTS] column},
 * {@code ALTER TABLE name ADD table-constraint}, {@code ALTER TABLE name DROP CONSTRAINT [IF EXISTS] name},
 * {@code ALTER TABLE name RENAME TO new_name} and {@code ALTER TABLE name RENAME [COLUMN] column TO new_name}.
 * CONSTRAINT, CHECK, UNIQUE and PRIMARY are reserved words, so one token tells a constraint from a column.
 */
SqlNode ShardAlterTable() :
{
    final Span s;
    final boolean ifExists;
    final SqlIdentifier table;
    final SqlNode action;
}
{
    <ALTER> { s = span(); } <TABLE> ifExists = ShardIfExistsOpt() table = CompoundIdentifier()
    action = ShardAlterTableAction(s, table) {
        return ifExists ? new SqlAlterTableIfExists(s.end(this), table, action) : action;
    }
}

/** What {@code ALTER TABLE [IF EXISTS] table} does: the statements {@link #ShardAlterTable} lists. */
SqlNode ShardAlterTableAction(Span s, SqlIdentifier table) :
{
    final boolean ifNotExists;
    final boolean ifExists;
    final SqlColumnDef column;
    final SqlIdentifier columnName;
    SqlIdentifier renamed;
    SqlIdentifier newName;
    final SqlNode constraint;
}
{
    (
        <ADD>
        (
            constraint = ShardTableConstraint() {
                return new SqlAlterTableAddConstraint(s.end(this), table, constraint);
            }
        |
            [ <COLUMN> ] ifNotExists = ShardIfNotExistsOpt() column = ShardColumnDef() {
                return new SqlAlterTableAddColumn(s.end(this), table, ifNotExists, column);
            }
        )
    |
        <DROP>
        (
            <CONSTRAINT> ifExists = ShardIfExistsOpt() columnName = SimpleIdentifier() {
                return new SqlAlterTableDropConstraint(s.end(this), table, ifExists, columnName);
            }
        |
            [ <COLUMN> ] ifExists = ShardIfExistsOpt() columnName = SimpleIdentifier() {
                return new SqlAlterTableDropColumn(s.end(this), table, ifExists, columnName);
            }
        )
    |
        <ALTER> [ <COLUMN> ] columnName = SimpleIdentifier()
        { return ShardAlterColumnAction(s, table, columnName); }
    |
        <RENAME>
        (
            <TO> newName = SimpleIdentifier() {
                return new SqlAlterTableRename(s.end(this), table, null, newName);
            }
        |
            [ <COLUMN> ] renamed = SimpleIdentifier() <TO> newName = SimpleIdentifier() {
                return new SqlAlterTableRename(s.end(this), table, renamed, newName);
            }
        )
    )
}

/**
 * What follows {@code ALTER TABLE t ALTER [COLUMN] c}: {@code [SET DATA] TYPE type}, {@code SET DEFAULT expr},
 * {@code DROP DEFAULT}, {@code SET NOT NULL} or {@code DROP NOT NULL}.
 */
SqlNode ShardAlterColumnAction(Span s, SqlIdentifier table, SqlIdentifier column) :
{
    final SqlDataTypeSpec type;
    final SqlNode value;
}
{
    (
        <TYPE> type = DataType() {
            return new SqlAlterColumn(s.end(this), table, column, SqlAlterColumn.Action.TYPE, type);
        }
    |
        <SET>
        (
            <DATA> <TYPE> type = DataType() {
                return new SqlAlterColumn(s.end(this), table, column, SqlAlterColumn.Action.TYPE, type);
            }
        |
            <DEFAULT_> value = Expression(ExprContext.ACCEPT_NON_QUERY) {
                return new SqlAlterColumn(s.end(this), table, column, SqlAlterColumn.Action.SET_DEFAULT, value);
            }
        |
            <NOT> <NULL> {
                return new SqlAlterColumn(s.end(this), table, column, SqlAlterColumn.Action.SET_NOT_NULL, null);
            }
        )
    |
        <DROP>
        (
            <DEFAULT_> {
                return new SqlAlterColumn(s.end(this), table, column, SqlAlterColumn.Action.DROP_DEFAULT, null);
            }
        |
            <NOT> <NULL> {
                return new SqlAlterColumn(s.end(this), table, column, SqlAlterColumn.Action.DROP_NOT_NULL, null);
            }
        )
    )
}

/** {@code ALTER USER name [WITH] PASSWORD 'secret'}. */
SqlNode ShardAlterUser() :
{
    final Span s;
    final SqlIdentifier name;
    final SqlNode password;
}
{
    <ALTER> { s = span(); } <USER> name = SimpleIdentifier() password = ShardPassword() {
        return new SqlAlterUser(s.end(this), name, password);
    }
}

/**
 * {@code BEGIN [TRANSACTION | WORK] [mode, ...]} and {@code START TRANSACTION [mode, ...]}.
 */
SqlNode ShardBegin() :
{
    final Span s;
    SqlNodeList modes = SqlNodeList.EMPTY;
}
{
    (
        <BEGIN> { s = span(); } [ <TRANSACTION> | <WORK> ]
    |
        <START> { s = span(); } <TRANSACTION>
    )
    [ modes = ShardTransactionModes() ]
    {
        return new SqlBeginOrSetTransaction(s.end(this), SqlBeginOrSetTransaction.Verb.BEGIN, modes);
    }
}

/** {@code COMMIT [WORK | TRANSACTION]} and {@code ROLLBACK [WORK | TRANSACTION]}. */
SqlNode ShardCommitOrRollback() :
{
    final Span s;
    final SqlCommitOrRollback.Verb verb;
}
{
    (
        <COMMIT> { verb = SqlCommitOrRollback.Verb.COMMIT; }
    |
        <ROLLBACK> { verb = SqlCommitOrRollback.Verb.ROLLBACK; }
    )
    { s = span(); } [ <WORK> | <TRANSACTION> ] {
        return new SqlCommitOrRollback(s.end(this), verb);
    }
}

/** {@code SET TRANSACTION mode [, mode ...]} and {@code SET SESSION CHARACTERISTICS AS TRANSACTION mode [, ...]}. */
SqlNode ShardSetTransaction() :
{
    final Span s;
    final SqlNodeList modes;
}
{
    <SET> { s = span(); }
    (
        <TRANSACTION> modes = ShardTransactionModes() {
            return new SqlBeginOrSetTransaction(s.end(this), SqlBeginOrSetTransaction.Verb.SET, modes);
        }
    |
        <SESSION> <CHARACTERISTICS> <AS> <TRANSACTION> modes = ShardTransactionModes() {
            return new SqlBeginOrSetTransaction(s.end(this), SqlBeginOrSetTransaction.Verb.SESSION, modes);
        }
    )
}

/** One or more transaction modes, separated by commas (or, as PostgreSQL also accepts, by nothing). */
SqlNodeList ShardTransactionModes() :
{
    final Span s;
    final List<SqlNode> modes = new ArrayList<SqlNode>();
}
{
    { s = span(); }
    ShardTransactionMode(modes)
    ( [ <COMMA> ] ShardTransactionMode(modes) )*
    {
        final SqlNodeList list = new SqlNodeList(modes, s.end(this));
        TransactionModes.check(list);
        return list;
    }
}

/**
 * {@code ISOLATION LEVEL {SERIALIZABLE | REPEATABLE READ | READ COMMITTED | READ UNCOMMITTED}},
 * {@code READ ONLY} or {@code READ WRITE}.
 */
void ShardTransactionMode(List<SqlNode> modes) :
{
    final Span s;
    final Enum<?> mode;
}
{
    (
        <ISOLATION> { s = span(); } <LEVEL>
        (
            <SERIALIZABLE> { mode = IsolationLevel.SERIALIZABLE; }
        |
            <REPEATABLE> <READ> { mode = IsolationLevel.REPEATABLE_READ; }
        |
            <READ>
            (
                <COMMITTED> { mode = IsolationLevel.READ_COMMITTED; }
            |
                <UNCOMMITTED> { mode = IsolationLevel.READ_UNCOMMITTED; }
            )
        )
    |
        <READ> { s = span(); }
        (
            <ONLY> { mode = AccessMode.READ_ONLY; }
        |
            <WRITE> { mode = AccessMode.READ_WRITE; }
        )
    )
    {
        modes.add(SqlLiteral.createSymbol(mode, s.end(this)));
    }
}

/** {@code SNAPSHOT [TO 'name']}: a consistent backup of the whole database into {@code <backup.root>/<name>}. */
SqlNode ShardSnapshot() :
{
    final Span s;
    SqlNode name = null;
}
{
    <SNAPSHOT> { s = span(); } [ <TO> name = StringLiteral() ] {
        return new SqlSnapshotBackup(s.end(this), name);
    }
}

/** {@code SHOW SNAPSHOTS}: every snapshot the cluster knows; {@code SHOW name}: a session setting. */
SqlNode ShardShowSnapshots() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    <SHOW> { s = span(); }
    (
        <SNAPSHOTS> {
            return new SqlShowSnapshots(s.end(this));
        }
    |
        name = SimpleIdentifier() {
            return new SqlShowSetting(s.end(this), name);
        }
    )
}

/** {@code DROP SNAPSHOT 'name'}: removes a backup and its files. */
SqlDrop ShardDropSnapshot(Span s, boolean replace) :
{
    final SqlNode name;
}
{
    <SNAPSHOT> name = StringLiteral() {
        return new SqlDropSnapshot(s.end(this), name);
    }
}

/**
 * Every INSERT and UPSERT: Calcite's own INSERT production, then PostgreSQL's optional
 * {@code ON CONFLICT [(col, ...)] DO NOTHING} or
 * {@code ON CONFLICT (col, ...) DO UPDATE SET col = expr, ... [WHERE condition]}, then an optional
 * {@code RETURNING} list.
 */
SqlNode ShardInsertOrUpsert() :
{
    final SqlNode insert;
    final Span s;
    SqlNodeList target = null;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    final List<SqlNode> values = new ArrayList<SqlNode>();
    SqlNode condition = null;
}
{
    insert = SqlInsert()
    (
        <ON> { s = span(); } <CONFLICT> {
            if (insert instanceof SqlInsertOverriding) {
                throw ShardSqlParserUtil.error(s.pos(), "OVERRIDING ... VALUE with ON CONFLICT is not supported");
            }
        }
        [ target = ParenthesizedSimpleIdentifierList() ]
        <DO>
        (
            <NOTHING> {
                return ShardReturningOpt(SqlInsertOnConflict.doNothing(s.end(this), (SqlInsert) insert, target));
            }
        |
            <UPDATE> <SET>
            ShardAssignment(columns, values)
            ( <COMMA> ShardAssignment(columns, values) )*
            [ <WHERE> condition = Expression(ExprContext.ACCEPT_SUB_QUERY) ]
            {
                return ShardReturningOpt(SqlInsertOnConflict.doUpdate(s.end(this), (SqlInsert) insert, target,
                    new SqlNodeList(columns, s.end(this)), new SqlNodeList(values, s.end(this)),
                    condition));
            }
        )
    |
        { return ShardReturningOpt((SqlCall) insert); }
    )
}

/** {@code OVERRIDING {SYSTEM | USER} VALUE} of an INSERT (patched into Calcite's INSERT production). */
SqlInsertOverriding.Kind ShardOverriding() :
{
    final SqlInsertOverriding.Kind kind;
}
{
    <OVERRIDING>
    (
        <SYSTEM> { kind = SqlInsertOverriding.Kind.SYSTEM; }
    |
        <USER> { kind = SqlInsertOverriding.Kind.USER; }
    )
    <VALUE> { return kind; }
}

/** Every UPDATE and DELETE: Calcite's own production, then an optional RETURNING list. */
SqlNode ShardUpdateOrDelete() :
{
    final SqlNode stmt;
}
{
    ( stmt = SqlUpdate() | stmt = SqlDelete() ) {
        return ShardReturningOpt((SqlCall) stmt);
    }
}

/** {@code RETURNING item, ...} after a DML statement (items as in a select list), or nothing. */
SqlNode ShardReturningOpt(SqlCall stmt) :
{
    final Span s;
    final List<SqlNode> items = new ArrayList<SqlNode>();
}
{
    <RETURNING> { s = span(); }
    AddSelectItem(items)
    ( <COMMA> AddSelectItem(items) )*
    {
        return new SqlReturning(s.end(this), stmt, new SqlNodeList(items, s.end(this)));
    }
|
    { return stmt; }
}

/** {@code column = expression} of an ON CONFLICT ... DO UPDATE SET list. */
void ShardAssignment(List<SqlNode> columns, List<SqlNode> values) :
{
    final SqlIdentifier column;
    final SqlNode value;
}
{
    column = SimpleIdentifier() <EQ> value = Expression(ExprContext.ACCEPT_SUB_QUERY) {
        columns.add(column);
        values.add(value);
    }
}

/**
 * EXPLAIN, both Calcite's {@code EXPLAIN PLAN [detail] [depth] [AS format] FOR stmt} and PostgreSQL's bare
 * {@code EXPLAIN stmt} (the physical plan with attributes, as if {@code PLAN FOR} had been written). The
 * statement may be any query or DML, including INSERT ... ON CONFLICT.
 */
SqlNode ShardExplain() :
{
    final Span s;
    SqlExplainLevel detailLevel = SqlExplainLevel.EXPPLAN_ATTRIBUTES;
    SqlExplain.Depth depth = SqlExplain.Depth.PHYSICAL;
    SqlExplainFormat format = SqlExplainFormat.TEXT;
    final SqlNode stmt;
}
{
    <EXPLAIN> { s = span(); }
    [
        LOOKAHEAD(1)
        <PLAN>
        [ detailLevel = ExplainDetailLevel() ]
        depth = ExplainDepth()
        [
            LOOKAHEAD(2) <AS> <XML> { format = SqlExplainFormat.XML; }
        |
            LOOKAHEAD(2) <AS> <JSON> { format = SqlExplainFormat.JSON; }
        |
            <AS> <DOT_FORMAT> { format = SqlExplainFormat.DOT; }
        ]
        <FOR>
    ]
    (
        stmt = ShardInsertOrUpsert()
    |
        stmt = SqlDelete()
    |
        stmt = SqlUpdate()
    |
        stmt = SqlMerge()
    |
        stmt = ShardQuery()
    )
    {
        return new SqlExplain(s.end(this), stmt, detailLevel.symbol(SqlParserPos.ZERO),
            depth.symbol(SqlParserPos.ZERO), format.symbol(SqlParserPos.ZERO), nDynamicParams);
    }
}

/** {@code SERIAL} (INTEGER), {@code BIGSERIAL} (BIGINT), {@code SMALLSERIAL} (SMALLINT): a column with an owned sequence. */
SqlDataTypeSpec ShardSerialType() :
{
    final SqlTypeName typeName;
}
{
    (
        <SERIAL> { typeName = SqlTypeName.INTEGER; }
    |
        <BIGSERIAL> { typeName = SqlTypeName.BIGINT; }
    |
        <SMALLSERIAL> { typeName = SqlTypeName.SMALLINT; }
    )
    {
        return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(typeName, getPos()), getPos());
    }
}

/** {@code GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(sequence option ...)]}. */
SqlColumnDef.Generated ShardIdentity(SqlColumnDef.Generated sofar, SqlIdentifier column,
        List<SequenceOption> opts) :
{
    final SqlColumnDef.Generated generated;
}
{
    <GENERATED>
    (
        <ALWAYS> { generated = SqlColumnDef.Generated.ALWAYS; }
    |
        <BY> <DEFAULT_> { generated = SqlColumnDef.Generated.BY_DEFAULT; }
    )
    <AS> <IDENTITY> {
        if (sofar != SqlColumnDef.Generated.NONE) {
            throw ShardSqlParserUtil.error(getPos(),
                "both identity and a serial type or another identity specified for column " + column);
        }
    }
    [ <LPAREN> ( ShardSequenceOption(opts) )+ <RPAREN> ]
    { return generated; }
}

/** {@code CREATE SEQUENCE [IF NOT EXISTS] name [option ...]}. */
SqlCreate ShardCreateSequence(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final List<SequenceOption> opts = new ArrayList<SequenceOption>();
}
{
    <SEQUENCE> {
        ShardSqlParserUtil.noOrReplace(replace, "SEQUENCE", s.pos());
    }
    ifNotExists = ShardIfNotExistsOpt()
    name = CompoundIdentifier()
    ( ShardSequenceOption(opts) )*
    {
        return new SqlCreateSequence(s.end(this), ifNotExists, name, opts);
    }
}

/** {@code ALTER SEQUENCE [IF EXISTS] name option [...]}. */
SqlNode ShardAlterSequence() :
{
    final Span s;
    final boolean ifExists;
    final SqlIdentifier name;
    final List<SequenceOption> opts = new ArrayList<SequenceOption>();
}
{
    <ALTER> { s = span(); } <SEQUENCE> ifExists = ShardIfExistsOpt() name = CompoundIdentifier()
    ( ShardSequenceOption(opts) )+
    {
        return new SqlAlterSequence(s.end(this), ifExists, name, opts);
    }
}

/** {@code DROP SEQUENCE [IF EXISTS] name}. */
SqlDrop ShardDropSequence(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    <SEQUENCE> ifExists = ShardIfExistsOpt() name = CompoundIdentifier() {
        return new SqlDropSequence(s.end(this), ifExists, name);
    }
}

/**
 * One sequence option: {@code INCREMENT [BY] n | START [WITH] n | RESTART [[WITH] n] | MINVALUE n |
 * MAXVALUE n | NO MINVALUE | NO MAXVALUE | NO CYCLE | CYCLE | CACHE n | AS {SMALLINT | INTEGER | BIGINT}}.
 */
void ShardSequenceOption(List<SequenceOption> opts) :
{
    Long v = null;
    final SequenceOption.Kind kind;
}
{
    (
        <INCREMENT> [ <BY> ] v = ShardSignedLong() { kind = SequenceOption.Kind.INCREMENT; }
    |
        <START> [ <WITH> ] v = ShardSignedLong() { kind = SequenceOption.Kind.START; }
    |
        <RESTART> [ [ <WITH> ] v = ShardSignedLong() ] { kind = SequenceOption.Kind.RESTART; }
    |
        <MINVALUE> v = ShardSignedLong() { kind = SequenceOption.Kind.MINVALUE; }
    |
        <MAXVALUE> v = ShardSignedLong() { kind = SequenceOption.Kind.MAXVALUE; }
    |
        <CACHE> v = ShardSignedLong() { kind = SequenceOption.Kind.CACHE; }
    |
        <CYCLE> { kind = SequenceOption.Kind.CYCLE; }
    |
        <NO>
        (
            <MINVALUE> { kind = SequenceOption.Kind.MINVALUE; }
        |
            <MAXVALUE> { kind = SequenceOption.Kind.MAXVALUE; }
        |
            <CYCLE> { kind = SequenceOption.Kind.NO_CYCLE; }
        )
    |
        <AS>
        (
            <SMALLINT> { v = (long) Short.MAX_VALUE; }
        |
            ( <INTEGER> | <INT> ) { v = (long) Integer.MAX_VALUE; }
        |
            <BIGINT> { v = Long.MAX_VALUE; }
        )
        { kind = SequenceOption.Kind.AS; }
    )
    {
        opts.add(new SequenceOption(kind, v));
    }
}

/** An optionally signed integer literal that fits a BIGINT. */
Long ShardSignedLong() :
{
    boolean negative = false;
    final SqlNumericLiteral n;
}
{
    [ <MINUS> { negative = true; } | <PLUS> ]
    n = UnsignedNumericLiteral() {
        return SequenceOption.number(n.getValueAs(java.math.BigDecimal.class), negative);
    }
}

/**
 * Every query: Calcite's own production, then PostgreSQL's optional locking clause
 * {@code FOR { UPDATE | NO KEY UPDATE | SHARE | KEY SHARE } [ OF table [, ...] ] [ NOWAIT | SKIP LOCKED ]}.
 */
SqlNode ShardQuery() :
{
    final SqlNode query;
    final Span s;
    final SqlRowLocking.Strength strength;
    SqlRowLocking.Wait wait = SqlRowLocking.Wait.WAIT;
    SqlNodeList of = null;
}
{
    query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    (
        <FOR> { s = span(); }
        (
            <UPDATE> { strength = SqlRowLocking.Strength.UPDATE; }
        |
            <NO> <KEY> <UPDATE> { strength = SqlRowLocking.Strength.NO_KEY_UPDATE; }
        |
            <SHARE> { strength = SqlRowLocking.Strength.SHARE; }
        |
            <KEY> <SHARE> { strength = SqlRowLocking.Strength.KEY_SHARE; }
        )
        [ <OF> of = ShardLockedTables() ]
        [
            <NOWAIT> { wait = SqlRowLocking.Wait.NOWAIT; }
        |
            <SKIP_> <LOCKED> { wait = SqlRowLocking.Wait.SKIP_LOCKED; }
        ]
        { return new SqlRowLocking(s.end(this), query, strength, wait, of); }
    |
        { return query; }
    )
}

/** The tables after {@code FOR UPDATE OF}. */
SqlNodeList ShardLockedTables() :
{
    final Span s = span();
    final List<SqlNode> tables = new ArrayList<SqlNode>();
    SqlNode t;
}
{
    t = CompoundIdentifier() { tables.add(t); }
    ( <COMMA> t = CompoundIdentifier() { tables.add(t); } )*
    { return new SqlNodeList(tables, s.end(this)); }
}

/**
 * PostgreSQL's {@code x::type}: a CAST of the operand just before it, which binds tighter than every
 * operator ({@code -a::int} is {@code -(a::int)}, {@code a + b::int} casts b only).
 */
void ShardInfixCast(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlDataTypeSpec type;
}
{
    <INFIX_CAST> {
        checkNonQueryExpression(exprContext);
        if (list.isEmpty() || !(list.get(list.size() - 1) instanceof SqlNode)) {
            throw SqlUtil.newContextException(getPos(), RESOURCE.illegalNonQueryExpression());
        }
    }
    type = DataType() {
        SqlNode operand = (SqlNode) list.remove(list.size() - 1);
        list.add(SqlStdOperatorTable.CAST.createCall(s.end(this), operand, type));
    }
}

/** {@code json -> key} and {@code json ->> key} ({@link JsonOperators}). */
void ShardJsonAccess(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlOperator op;
    final SqlNode key;
}
{
    (
        <LAMBDA> { op = JsonOperators.GET; }
    |
        <JSON_GET_TEXT> { op = JsonOperators.GET_TEXT; }
    )
    {
        checkNonQueryExpression(exprContext);
        s.clear().add(this);
    }
    key = Expression3(ExprContext.ACCEPT_SUB_QUERY) {
        list.add(new SqlParserUtil.ToTreeListItem(op, s.pos()));
        list.add(key);
    }
}
