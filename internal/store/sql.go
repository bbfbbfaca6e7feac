package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	_ "github.com/cayleygraph/cayley/graph/sql/cockroach" // registers Cayley's "cockroach" SQL flavour (pgx)
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/lib/pq"
)

// ConnectTimeout bounds how long confgraph waits for a SQL server to accept
// a connection before it reports the server as unreachable.
const ConnectTimeout = 10 * time.Second

// sqlFlavor describes one SQL backend: the Cayley flavour it wraps and the
// database/sql driver that flavour uses.
type sqlFlavor struct {
	name   string // confgraph backend name
	cayley string // Cayley's SQL flavour
	driver string // database/sql driver name
	server string // product name for messages
}

var (
	flavorPostgres  = sqlFlavor{name: "postgres", cayley: pgDriver, driver: "postgres", server: "PostgreSQL"}
	flavorCockroach = sqlFlavor{name: "cockroach", cayley: "cockroach", driver: "pgx", server: "CockroachDB"}
)

func init() {
	for _, f := range []sqlFlavor{flavorPostgres, flavorCockroach} {
		f := f
		// Registered under a confgraph name so that opening an existing
		// database does not try to create its tables again (Cayley's own
		// InitFunc would, and log an error each time it finds them).
		graph.RegisterQuadStore("confgraph-"+f.name, graph.QuadStoreRegistration{
			NewFunc: func(addr string, opts graph.Options) (graph.QuadStore, error) {
				return csql.New(f.cayley, withConnectTimeout(addr), opts)
			},
			InitFunc: func(addr string, opts graph.Options) error {
				if f.driver == "postgres" {
					return initPGSchema(addr, opts)
				}
				return f.initSchema(addr, opts)
			},
			IsPersistent: true,
		})
	}
}

var (
	backendPostgres = Backend{Name: "postgres", cayley: "confgraph-postgres", Persistent: true, IndexesGraphs: true,
		PathHint: "postgres://user:password@127.0.0.1:5432/confgraph?sslmode=disable",
		Doc:      "PostgreSQL server (the database must exist; tables are created on first use)",
		Check:    flavorPostgres.check, openSession: openPGSession, sql: &flavorPostgres, WriterLock: true}
	backendCockroach = Backend{Name: "cockroach", cayley: "confgraph-cockroach", Persistent: true, IndexesGraphs: true,
		PathHint: "postgresql://root@127.0.0.1:26257/confgraph?sslmode=disable",
		Doc:      "CockroachDB server (the database must exist; tables are created on first use)",
		Check:    flavorCockroach.check, sql: &flavorCockroach}
)

// withConnectTimeout adds connect_timeout to a DSN that does not set one, so
// that no connection attempt waits for ever. Both lib/pq and pgx honour it.
func withConnectTimeout(dsn string) string {
	return withTimeout(dsn, ConnectTimeout)
}

// withTimeout is withConnectTimeout with timeout d, rounded up to seconds.
func withTimeout(dsn string, d time.Duration) string {
	if strings.Contains(dsn, "connect_timeout") {
		return dsn
	}
	secs := fmt.Sprint(int((d + time.Second - 1) / time.Second))
	if isURL(dsn) {
		u, err := url.Parse(dsn)
		if err != nil {
			return dsn // reported by check
		}
		q := u.Query()
		q.Set("connect_timeout", secs)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return strings.TrimSpace(dsn) + " connect_timeout=" + secs
}

func isURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// DescribeDSN returns a PostgreSQL/CockroachDB connection string with its
// password removed, for messages.
func DescribeDSN(dsn string) string {
	if isURL(dsn) {
		u, err := url.Parse(dsn)
		if err != nil {
			return "(unparsable address)"
		}
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
		return u.Redacted()
	}
	var out []string
	for _, kv := range strings.Fields(dsn) {
		if strings.HasPrefix(kv, "password=") {
			kv = "password=xxxxx"
		}
		out = append(out, kv)
	}
	return strings.Join(out, " ")
}

// parse checks the DSN's syntax with the flavour's own driver and returns
// the database name it selects.
func (f sqlFlavor) parse(dsn string) (db string, err error) {
	hint := "expected e.g. postgres://user:password@127.0.0.1:5432/confgraph?sslmode=disable"
	if !isURL(dsn) && !strings.Contains(dsn, "=") {
		return "", unusable(f.name, nil, "bad ", fmt.Sprintf(" %q: not a %s connection string; %s", DescribeDSN(dsn), f.server, hint))
	}
	switch f.driver {
	case "pgx":
		cfg, err := pgx.ParseConfig(dsn)
		if err != nil {
			return "", unusable(f.name, err, "bad ", fmt.Sprintf(" %s: %v; %s", DescribeDSN(dsn), err, hint))
		}
		return cfg.Database, nil
	default:
		if _, err := pq.NewConnector(dsn); err != nil {
			return "", unusable(f.name, err, "bad ", fmt.Sprintf(" %s: %v; %s", DescribeDSN(dsn), err, hint))
		}
		if isURL(dsn) {
			u, _ := url.Parse(dsn)
			db = strings.TrimPrefix(u.Path, "/")
			if db == "" && u.User != nil {
				db = u.User.Username()
			}
			return db, nil
		}
		for _, kv := range strings.Fields(dsn) {
			if v, ok := strings.CutPrefix(kv, "dbname="); ok {
				db = strings.Trim(v, "'")
			}
		}
		return db, nil
	}
}

// connect opens and pings the server, giving up after ConnectTimeout, and
// turns the driver's errors into ones that say what to do.
func (f sqlFlavor) connect(ctx context.Context, dsn string) (*sql.DB, error) {
	dbName, err := f.parse(dsn)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, ConnectTimeout)
	defer cancel()
	// The drivers do not watch ctx while they wait for the server's first
	// answer; connect_timeout bounds that wait.
	deadline, _ := ctx.Deadline()
	db, err := sql.Open(f.driver, withTimeout(dsn, time.Until(deadline)))
	if err != nil {
		return nil, unusable(f.name, err, "bad ", fmt.Sprintf(" %s: %v", DescribeDSN(dsn), err))
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, f.explain(dsn, dbName, err)
	}
	return db, nil
}

// explain wraps a connection error with its likely cause and the fix.
func (f sqlFlavor) explain(dsn, dbName string, err error) error {
	where := DescribeDSN(dsn)
	code := ""
	var pqErr *pq.Error
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pqErr):
		code = string(pqErr.Code)
	case errors.As(err, &pgErr):
		code = pgErr.Code
	}
	var netErr net.Error
	switch {
	case code == "3D000":
		return unusable(f.name, err, fmt.Sprintf("database %q does not exist on the %s server at %s: create it first (e.g. createdb %s, or CREATE DATABASE %s;) or name an existing one in ",
			dbName, f.server, where, dbName, dbName), ": "+err.Error())
	case code == "28P01" || code == "28000":
		return unusable(f.name, err, fmt.Sprintf("the %s server at %s refused the login: check user and password in ", f.server, where), ": "+err.Error())
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &netErr) && netErr.Timeout()):
		return unusable(f.name, err, fmt.Sprintf("no answer from a %s server at %s within %s: check host and port in ", f.server, where, ConnectTimeout),
			" and that the server is running: "+err.Error())
	case errors.As(err, &netErr) || strings.Contains(err.Error(), "connection refused") || strings.Contains(err.Error(), "no such host"):
		return unusable(f.name, err, fmt.Sprintf("cannot reach a %s server at %s: check host and port in ", f.server, where),
			" and that the server is running: "+err.Error())
	}
	return fmt.Errorf("connect to %s at %s: %w", f.server, where, err)
}

// check is the backend's Check: the server answers and the database exists.
func (f sqlFlavor) check(ctx context.Context, dsn string) error {
	db, err := f.connect(ctx, dsn)
	if err != nil {
		return err
	}
	return db.Close()
}

// schemaTables counts confgraph's (Cayley's) tables in the current schema.
func schemaTables(ctx context.Context, db *sql.DB) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_name IN ('nodes', 'quads')`).Scan(&n)
	return n, err
}

// initSchema creates Cayley's tables when none exist and returns
// graph.ErrDatabaseExists when both do.
func (f sqlFlavor) initSchema(dsn string, opts graph.Options) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*ConnectTimeout)
	defer cancel()
	db, err := f.connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return f.initSchemaOn(ctx, db, dsn, opts)
}

// initSchemaOn is initSchema on the open connection pool db.
func (f sqlFlavor) initSchemaOn(ctx context.Context, db *sql.DB, dsn string, opts graph.Options) error {
	n, err := schemaTables(ctx, db)
	if err != nil {
		return fmt.Errorf("look for tables nodes and quads: %w", err)
	}
	switch n {
	case 2:
		return graph.ErrDatabaseExists
	case 1:
		return fmt.Errorf("the database at %s has only one of the tables nodes and quads: drop it (DROP TABLE IF EXISTS quads, nodes;) or use another database", DescribeDSN(dsn))
	}
	if err := csql.Init(f.cayley, withConnectTimeout(dsn), opts); err != nil {
		return fmt.Errorf("create tables: %w", err)
	}
	// Cayley ignores the error of the schema transaction's commit: look.
	if n, err := schemaTables(ctx, db); err != nil || n != 2 {
		return fmt.Errorf("create tables nodes and quads in %s: they are not there afterwards (%v)", DescribeDSN(dsn), err)
	}
	return nil
}
