package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/cayleygraph/cayley/clog"
	"github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/graph/sql/postgres"
	"github.com/lib/pq"
)

// The limits confgraph sets on its PostgreSQL sessions (a DSN that sets one
// of the server parameters itself keeps its own value).
const (
	// LockTimeout bounds the wait for a table lock another session holds
	// (lock_timeout).
	LockTimeout = 10 * time.Second
	// StatementTimeout bounds one statement (statement_timeout); a load is
	// many small statements, an export one long read.
	StatementTimeout = 10 * time.Minute
	// IdleInTransactionTimeout ends a session that keeps a transaction
	// open without sending anything (a stopped confgraph holding locks).
	IdleInTransactionTimeout = time.Minute
	// KeepAlive is the idle time before TCP keepalive probes, on both ends;
	// a peer that answers none of keepAliveCount probes keepAliveInterval
	// apart is given up.
	KeepAlive         = 15 * time.Second
	keepAliveInterval = 5 * time.Second
	keepAliveCount    = 3
)

// AnswerTimeout is how long confgraph waits for any byte from the server
// while it owes an answer. The server enforces its own timeouts: a server
// silent that long is stopped or hung (or the network is gone).
var AnswerTimeout = 60 * time.Second

// pgDriver is the database/sql driver of confgraph's PostgreSQL flavour:
// lib/pq with a dialer that sets TCP keepalives and bounds every wait for
// the server's answer by AnswerTimeout.
const pgDriver = "confgraph-pq"

func init() {
	// Cayley logs the errors it returns (e.g. "couldn't exec INSERT
	// statement" when a load is interrupted); confgraph reports them
	// itself, in its own words.
	clog.SetLogger(quietLog{})
	sql.Register(pgDriver, pgDriverImpl{})
	// Cayley's postgres flavour on the driver above.
	csql.Register(pgDriver, csql.Registration{
		Driver:             pgDriver,
		HashType:           `BYTEA`,
		BytesType:          `BYTEA`,
		HorizonType:        `BIGSERIAL`,
		TimeType:           `timestamp with time zone`,
		QueryDialect:       postgres.QueryDialect,
		ConditionalIndexes: true,
		FillFactor:         true,
		Error:              postgres.ConvError,
		Estimated: func(table string) string {
			return "SELECT reltuples::BIGINT AS estimate FROM pg_class WHERE relname='" + table + "';"
		},
		RunTx: runTxCopy, // batched (pgcopy.go)
	})
}

// quietLog drops Cayley's log lines but its fatal ones.
type quietLog struct{}

func (quietLog) Infof(string, ...interface{})    {}
func (quietLog) Warningf(string, ...interface{}) {}
func (quietLog) Errorf(string, ...interface{})   {}
func (quietLog) Fatalf(format string, args ...interface{}) {
	log.Fatalf(format, args...)
}
func (quietLog) V(int) bool { return false }
func (quietLog) SetV(int)   {}

type pgDriverImpl struct{}

func (d pgDriverImpl) Open(name string) (driver.Conn, error) {
	c, err := d.OpenConnector(name)
	if err != nil {
		return nil, err
	}
	return c.Connect(context.Background())
}

func (pgDriverImpl) OpenConnector(name string) (driver.Connector, error) {
	return openConnector(name, nil)
}

// openConnector is OpenConnector with connections that wait patience more
// (pgDialer).
func openConnector(name string, patience *atomic.Int64) (driver.Connector, error) {
	c, err := pq.NewConnector(name)
	if err != nil {
		return nil, err
	}
	c.Dialer(pgDialer{patience: patience})
	if readOnlyDSN(name) {
		return readOnlyConnector{c}, nil
	}
	return c, nil
}

// pgDialer dials connections watched for AnswerTimeout, and patience
// more when patience is not nil (set while statements run that may take
// long, and that the server itself bounds by statement_timeout).
type pgDialer struct{ patience *atomic.Int64 }

func (pgDialer) dialer(timeout time.Duration) *net.Dialer {
	return &net.Dialer{Timeout: timeout, KeepAliveConfig: net.KeepAliveConfig{
		Enable: true, Idle: KeepAlive, Interval: keepAliveInterval, Count: keepAliveCount}}
}

func (d pgDialer) Dial(network, address string) (net.Conn, error) {
	return d.DialContext(context.Background(), network, address)
}

func (d pgDialer) DialTimeout(network, address string, timeout time.Duration) (net.Conn, error) {
	c, err := d.dialer(timeout).Dial(network, address)
	if err != nil {
		return nil, err
	}
	return &watchConn{Conn: c, watch: AnswerTimeout, patience: d.patience}, nil
}

func (d pgDialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	c, err := d.dialer(0).DialContext(ctx, network, address)
	if err != nil {
		return nil, err
	}
	return &watchConn{Conn: c, watch: AnswerTimeout, patience: d.patience}, nil
}

// watchConn gives every read and write a deadline watch from now (or the
// deadline the driver set, if sooner). lib/pq reads only when it waits for
// an answer, so an idle connection in the pool is not affected.
type watchConn struct {
	net.Conn
	watch    time.Duration
	patience *atomic.Int64 // more to wait, in nanoseconds (pgDialer)
	mu       sync.Mutex
	rd       time.Time // deadlines the driver set
	wd       time.Time
	dead     error // the silence that ended the connection
}

// silent ends the connection after a timeout: the rollback and clean-up
// that follow fail at once instead of waiting for the silent server again.
func (c *watchConn) silent(err error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dead == nil {
		c.dead = &silentServerError{after: c.wait(), err: err}
		c.Conn.Close()
	}
	return c.dead
}

func (c *watchConn) SetDeadline(t time.Time) error {
	c.mu.Lock()
	c.rd, c.wd = t, t
	c.mu.Unlock()
	return c.Conn.SetDeadline(t)
}

func (c *watchConn) SetReadDeadline(t time.Time) error {
	c.mu.Lock()
	c.rd = t
	c.mu.Unlock()
	return c.Conn.SetReadDeadline(t)
}

func (c *watchConn) SetWriteDeadline(t time.Time) error {
	c.mu.Lock()
	c.wd = t
	c.mu.Unlock()
	return c.Conn.SetWriteDeadline(t)
}

// wait is how long the connection waits for the server now.
func (c *watchConn) wait() time.Duration {
	if c.patience == nil {
		return c.watch
	}
	return c.watch + time.Duration(c.patience.Load())
}

func (c *watchConn) deadline(set time.Time) time.Time {
	d := time.Now().Add(c.wait())
	if !set.IsZero() && set.Before(d) {
		return set
	}
	return d
}

func (c *watchConn) Read(p []byte) (int, error) {
	c.mu.Lock()
	d, dead := c.deadline(c.rd), c.dead
	c.mu.Unlock()
	if dead != nil {
		return 0, dead
	}
	if err := c.Conn.SetReadDeadline(d); err != nil {
		return 0, err
	}
	n, err := c.Conn.Read(p)
	if err != nil && isTimeout(err) {
		err = c.silent(err)
	}
	return n, err
}

func (c *watchConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	d, dead := c.deadline(c.wd), c.dead
	c.mu.Unlock()
	if dead != nil {
		return 0, dead
	}
	if err := c.Conn.SetWriteDeadline(d); err != nil {
		return 0, err
	}
	n, err := c.Conn.Write(p)
	if err != nil && isTimeout(err) {
		err = c.silent(err)
	}
	return n, err
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// silentServerError: the server owed an answer and sent nothing for after.
type silentServerError struct {
	after time.Duration
	err   error
}

func (e *silentServerError) Error() string {
	return fmt.Sprintf("no answer from the server for %s: %v", e.after, e.err)
}
func (e *silentServerError) Unwrap() error { return e.err }
func (e *silentServerError) Timeout() bool { return true }
func (e *silentServerError) Temporary() bool {
	return false
}

// pgSessionParams are the server parameters confgraph sets on every session
// of Cayley's, in the startup packet (lib/pq sends DSN keys it does not
// know itself as run-time parameters).
func pgSessionParams() [][2]string {
	ms := func(d time.Duration) string { return fmt.Sprint(d.Milliseconds()) }
	return [][2]string{
		{"lock_timeout", ms(LockTimeout)},
		{"statement_timeout", ms(StatementTimeout)},
		{"idle_in_transaction_session_timeout", ms(IdleInTransactionTimeout)},
		{"tcp_keepalives_idle", fmt.Sprint(int(KeepAlive / time.Second))},
		{"tcp_keepalives_interval", fmt.Sprint(int(keepAliveInterval / time.Second))},
		{"tcp_keepalives_count", fmt.Sprint(keepAliveCount)},
	}
}

// withParams adds the key=value pairs of kv the DSN does not set, and
// always sets those of force.
func withParams(dsn string, kv [][2]string, force [][2]string) string {
	if isURL(dsn) {
		u, err := url.Parse(dsn)
		if err != nil {
			return dsn // reported by check
		}
		q := u.Query()
		for _, p := range kv {
			if !q.Has(p[0]) {
				q.Set(p[0], p[1])
			}
		}
		for _, p := range force {
			q.Set(p[0], p[1])
		}
		u.RawQuery = q.Encode()
		return u.String()
	}
	has := map[string]bool{}
	var out []string
	for _, f := range strings.Fields(dsn) {
		k, _, _ := strings.Cut(f, "=")
		has[k] = true
		out = append(out, f)
	}
	quote := func(v string) string { return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'" }
	for _, p := range kv {
		if !has[p[0]] {
			out = append(out, p[0]+"="+quote(p[1]))
		}
	}
	for _, p := range force { // key=value DSNs take the last value of a key
		out = append(out, p[0]+"="+quote(p[1]))
	}
	return strings.Join(out, " ")
}

// pgSession is what confgraph holds beside Cayley's connections to one
// PostgreSQL store: a pool of its own for the writer lock and for
// cancelling Cayley's statements, which run without a context; Cayley's
// sessions carry the application name app, by which they are found.
type pgSession struct {
	dsn  string // as given, for messages
	app  string
	db   *sql.DB
	mu   sync.Mutex
	lock *sql.Conn // holds the writer lock while depth > 0
	deep int
	// The pool of look-ups (sqllookup.go), once opened, and its
	// statements, under lookMu.
	lookMu     sync.Mutex
	look       *sql.DB
	lookStmts  map[lookupKey]*sql.Stmt
	lookClosed bool
	vals       valueCache // values by hash (sqlnodes.go)
}

// openPGSession connects the session's own pool and returns the address
// Cayley is to open: the DSN with confgraph's session parameters.
func openPGSession(ctx context.Context, dsn string) (*pgSession, string, error) {
	db, err := flavorPostgres.connect(ctx, dsn)
	if err != nil {
		return nil, "", err
	}
	var b [6]byte
	rand.Read(b[:])
	s := &pgSession{dsn: dsn, app: "confgraph " + hex.EncodeToString(b[:]), db: db}
	addr := withParams(withConnectTimeout(dsn), pgSessionParams(), [][2]string{{"application_name", s.app}})
	return s, addr, nil
}

// pool opens a pool of connections with the session parameters and the
// application name of Cayley's sessions, so that cancel stops their
// statements too; they wait AnswerTimeout for the server's answer, and
// what patience holds more when it is not nil.
func (s *pgSession) pool(patience *atomic.Int64) (*sql.DB, error) {
	c, err := openConnector(withParams(withConnectTimeout(s.dsn), pgSessionParams(), [][2]string{{"application_name", s.app}}), patience)
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(c), nil
}

func (s *pgSession) close() error {
	s.closeLookups()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lock != nil {
		s.lock.Close()
		s.lock = nil
	}
	return s.db.Close()
}

// writerLockKey is the key of the advisory lock that serialises writers of
// the confgraph store in the current schema of a database.
const writerLockKey = `hashtext('confgraph writer ' || current_schema())`

// lockPollInterval is how often a waiting writer tries the lock again.
const lockPollInterval = 100 * time.Millisecond

// lockWriters takes the store's writer lock (a session-level advisory lock
// on a connection of the session's own), waiting for another writer to
// finish; waiting is called once when it has to wait. The lock is
// re-entrant within the Store. The returned function releases it.
func (s *pgSession) lockWriters(ctx context.Context, waiting func(holder string)) (func(), error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.deep > 0 {
		s.deep++
		return s.unlockOnce(), nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, s.explain(ctx, fmt.Errorf("take the writer lock: %w", err))
	}
	if err := acquireWriterLock(ctx, conn, waiting); err != nil {
		conn.Close()
		return nil, s.explain(ctx, err)
	}
	s.lock, s.deep = conn, 1
	return s.unlockOnce(), nil
}

// acquireWriterLock polls for the advisory writer lock on conn until ctx ends.
func acquireWriterLock(ctx context.Context, conn *sql.Conn, waiting func(holder string)) error {
	told := false
	for {
		var ok bool
		if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(`+writerLockKey+`)`).Scan(&ok); err != nil {
			return fmt.Errorf("take the writer lock: %w", err)
		}
		if ok {
			return nil
		}
		if !told && waiting != nil {
			told = true
			var holder string
			conn.QueryRowContext(ctx, `SELECT coalesce(string_agg(format('pid %s, %s', a.pid, nullif(a.application_name, '')), '; '), 'another session')
				FROM pg_locks l JOIN pg_stat_activity a USING (pid)
				WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
				  AND l.objid = (`+writerLockKey+`)::oid`).Scan(&holder)
			waiting(holder)
		}
		select {
		case <-ctx.Done():
			return context.Cause(ctx)
		case <-time.After(lockPollInterval):
		}
	}
}

func (s *pgSession) unlockOnce() func() {
	var once sync.Once
	return func() { once.Do(s.unlock) }
}

func (s *pgSession) unlock() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deep--
	if s.deep > 0 || s.lock == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), ConnectTimeout)
	defer cancel()
	// Closing the connection would release the lock too, but the pool
	// keeps connections: unlock explicitly, and drop the connection if
	// that fails.
	if _, err := s.lock.ExecContext(ctx, `SELECT pg_advisory_unlock(`+writerLockKey+`)`); err != nil {
		s.lock.Raw(func(any) error { return driver.ErrBadConn })
	}
	s.lock.Close()
	s.lock = nil
}

// cancel asks the server to cancel the statements Cayley's sessions of
// this store are running (pg_cancel_backend): a transaction in the middle
// rolls back; one already committing ends as the server decides, and the
// caller hears which.
func (s *pgSession) cancel() {
	ctx, cancel := context.WithTimeout(context.Background(), ConnectTimeout)
	defer cancel()
	s.db.ExecContext(ctx, `SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`, s.app)
}

// explain turns a PostgreSQL error of one of the store's sessions into one
// that says what happened and what to do; ctx is the operation's.
func (s *pgSession) explain(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return &InterruptedError{Cause: context.Cause(ctx), Err: err}
	}
	where := DescribeDSN(s.dsn)
	// Cayley's query errors keep only the driver error's text (with the
	// query after a newline): look at the text when the type is gone.
	code, text := "", err.Error()
	if first, _, ok := strings.Cut(text, "\nquery: "); ok {
		text = first
	}
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		code, text = string(pqErr.Code), pqErr.Message
	}
	has := func(s string) bool { return strings.Contains(text, s) }
	var silent *silentServerError
	switch {
	case code == "55P03" || has("canceling statement due to lock timeout"): // lock_not_available
		return &LockedError{Server: "PostgreSQL", Where: where, Waited: LockTimeout, Holders: s.lockHolders(), Err: err}
	case has("conflict with recovery"): // on a read replica, 40001 or 40P01
		return fmt.Errorf("the read replica at %s cancelled the read: replaying the primary's changes needed rows the read was using (a recovery conflict); run the command again, and for long reads (exports) set hot_standby_feedback = on, or raise max_standby_streaming_delay, on the replica: %s", where, text)
	case code == "57014" && has("statement timeout") || has("canceling statement due to statement timeout"):
		return fmt.Errorf("a statement on the PostgreSQL server at %s ran longer than statement_timeout (%s) and was cancelled (is the server overloaded?): %s", where, StatementTimeout, text)
	case code == "57014" || has("canceling statement due to user request"):
		return fmt.Errorf("the PostgreSQL server at %s cancelled a statement (another session ran pg_cancel_backend?): %s", where, text)
	case code == "57P01" || code == "57P02" || code == "57P03" || has("terminating connection"):
		return &ConnectionLostError{Server: "PostgreSQL", Where: where, Why: "the server ended the session (" + strings.TrimPrefix(text, "pq: ") + ")", Err: err}
	case errors.As(err, &silent) || has("no answer from the server for "):
		after := AnswerTimeout
		if silent != nil {
			after = silent.after
		}
		return &ConnectionLostError{Server: "PostgreSQL", Where: where, Why: fmt.Sprintf("no answer from the server for %s (a stopped or hung server process, or the network is gone)", after), Err: err}
	case errors.Is(err, driver.ErrBadConn), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE), errors.Is(err, net.ErrClosed), isTimeout(err),
		has("connection reset by peer"), has("broken pipe"), has("unexpected EOF"), has("bad connection"), text == "EOF", strings.HasSuffix(text, ": EOF"):
		return &ConnectionLostError{Server: "PostgreSQL", Where: where, Why: "the connection broke (the session was terminated, or the server stopped or crashed)", Err: err}
	}
	return err
}

// lockHolders describes the sessions that hold a lock on confgraph's tables
// besides this store's own.
func (s *pgSession) lockHolders() []string {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	rows, err := s.db.QueryContext(ctx, `SELECT c.relname, l.mode, a.pid, coalesce(a.application_name, ''), coalesce(a.state, ''), coalesce(left(a.query, 80), '')
		FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE l.granted AND c.relname IN ('nodes', 'quads') AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
		  AND l.mode IN ('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock', 'ShareUpdateExclusiveLock')
		  AND coalesce(a.application_name, '') <> $1 AND a.pid <> pg_backend_pid()
		ORDER BY a.pid, c.relname`, s.app)
	if err != nil {
		return nil
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var rel, mode, app, state, query string
		var pid int
		if rows.Scan(&rel, &mode, &pid, &app, &state, &query) != nil {
			return out
		}
		h := fmt.Sprintf("table %s: %s held by pid %d", rel, mode, pid)
		if app != "" {
			h += " (" + app + ")"
		}
		if state != "" {
			h += ", " + state
		}
		if query = strings.TrimRight(strings.Join(strings.Fields(query), " "), "; "); query != "" {
			h += " (last query: " + query + ")"
		}
		out = append(out, h)
	}
	return out
}

// LockedError: a statement waited LockTimeout for a table lock that another
// session holds and gave up.
type LockedError struct {
	Server, Where string
	Waited        time.Duration
	Holders       []string // who holds which lock, when it could be found
	Err           error
}

func (e *LockedError) Error() string {
	who := "another session holds a lock on table nodes or quads"
	var pids []string
	if len(e.Holders) > 0 {
		who = strings.Join(e.Holders, "; ")
		for _, h := range e.Holders {
			if _, rest, ok := strings.Cut(h, "by pid "); ok {
				pid, _, _ := strings.Cut(rest, " ")
				pid = strings.TrimRight(pid, ",:")
				if !slicesContains(pids, pid) {
					pids = append(pids, pid)
				}
			}
		}
	}
	fix := "find it with SELECT pid, mode, relation::regclass, query FROM pg_locks JOIN pg_stat_activity USING (pid) WHERE relation IN ('nodes'::regclass, 'quads'::regclass); let it finish, or end it"
	if len(pids) > 0 {
		fix = fmt.Sprintf("let that session finish (COMMIT or ROLLBACK) or end it (SELECT pg_terminate_backend(%s))", strings.Join(pids, "), pg_terminate_backend("))
	}
	return fmt.Sprintf("gave up after waiting %s (lock_timeout) for a table lock on the %s server at %s: %s; %s, then run the command again; nothing was changed",
		e.Waited, e.Server, e.Where, who, fix)
}
func (e *LockedError) Unwrap() error { return e.Err }

func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// ConnectionLostError: the connection to the server broke in the middle of
// an operation.
type ConnectionLostError struct {
	Server, Where, Why string
	Err                error
}

func (e *ConnectionLostError) Error() string {
	return fmt.Sprintf("lost the connection to the %s server at %s: %s; check the server (and its log) and run the command again: %v",
		e.Server, e.Where, e.Why, e.Err)
}
func (e *ConnectionLostError) Unwrap() error { return e.Err }

// InterruptedError: the operation's context ended (a signal, a deadline)
// before it finished.
type InterruptedError struct {
	Cause error // context.Cause of the operation's context
	Err   error // what the operation failed with, if anything
}

func (e *InterruptedError) Error() string {
	if e.Cause != nil {
		return e.Cause.Error()
	}
	return "interrupted"
}
func (e *InterruptedError) Unwrap() []error { return []error{e.Cause, e.Err} }

// initPGSchema is initSchema for PostgreSQL: the same, holding the writer
// lock, so that two first loads into an empty database do not both
// create the tables.
func initPGSchema(dsn string, opts graph.Options) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*ConnectTimeout)
	defer cancel()
	db, err := flavorPostgres.connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	// The usual case, an existing store, takes no lock: readers do not
	// wait for a writer.
	if n, err := schemaTables(ctx, db); err == nil && n == 2 {
		return graph.ErrDatabaseExists
	}
	// A replica cannot create them; its primary can (replica.go).
	if r, err := inRecovery(ctx, db); err == nil && r {
		return &ReplicaError{Server: "PostgreSQL", Where: DescribeDSN(dsn)}
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// Another first load creating the tables holds the lock for a moment
	// only; a load holding it is past its own schema creation.
	lctx, lcancel := context.WithTimeout(context.Background(), StatementTimeout)
	defer lcancel()
	if err := acquireWriterLock(lctx, conn, nil); err != nil {
		return fmt.Errorf("wait for another writer to create the tables: %w", err)
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(`+writerLockKey+`)`)
	return flavorPostgres.initSchemaOn(ctx, db, dsn, opts)
}

// anyQuads reports whether the quads table holds a row. The session's own
// pool does not carry confgraph's session parameters: the read runs in a
// transaction with lock_timeout set, so that a table another session
// locked fails it after LockTimeout (a *LockedError, through explain)
// as Cayley's own reads do, instead of waiting for ever.
func (s *pgSession) anyQuads(ctx context.Context) (bool, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`SET LOCAL lock_timeout = %d`, LockTimeout.Milliseconds())); err != nil {
		return false, err
	}
	var some bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM quads)`).Scan(&some); err != nil {
		return false, err
	}
	return some, tx.Commit()
}
