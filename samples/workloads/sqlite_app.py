"""A small app with an embedded sqlite3 database, as a user would write it: it looks for its
config in several places (most missing: ENOENT), reads a secret it may not read (EACCES, as it
runs unprivileged), writes orders in many small transactions (each one fsyncs the journal and
the database), and stats its files over and over."""
import os, sqlite3, sys, time

base = sys.argv[1]
for cand in ("/etc/ior-sample/app.conf", os.path.join(base, "app.conf"), os.path.expanduser("~/.config/ior-sample.conf"), os.path.join(base, "conf.d", "local.conf")):
    try:
        with open(cand) as f:
            f.read()
    except OSError:
        pass
for _ in range(20):
    try:
        open(os.path.join(base, "secret.key")).read()
    except PermissionError:
        pass
db = sqlite3.connect(os.path.join(base, "shop.db"))
db.execute("PRAGMA journal_mode=DELETE")
db.execute("PRAGMA synchronous=FULL")
db.execute("CREATE TABLE IF NOT EXISTS orders(id INTEGER PRIMARY KEY, item TEXT, qty INT, at REAL)")
for i in range(200):
    with db:
        db.execute("INSERT INTO orders(item, qty, at) VALUES (?, ?, ?)", (f"item-{i % 17}", i % 5 + 1, time.time()))
    if i % 10 == 0:
        os.stat(os.path.join(base, "shop.db"))
        os.path.exists(os.path.join(base, "shop.db-wal"))
rows = db.execute("SELECT item, sum(qty) FROM orders GROUP BY item ORDER BY 2 DESC").fetchall()
db.execute("VACUUM")
db.close()
with open(os.path.join(base, "report.txt"), "w") as f:
    for item, qty in rows:
        f.write(f"{item}\t{qty}\n")
    f.flush()
    os.fsync(f.fileno())
