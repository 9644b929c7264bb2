// db-1 was backed up an hour ago, db-2 fifty hours ago.
def backups = new File(basedir, 'backups')
backups.mkdirs()
def now = System.currentTimeMillis()
def fresh = new File(backups, 'db-1-2026-11-30.dump')
fresh.text = 'x' * 2000
fresh.setLastModified(now - 3_600_000L)
def stale = new File(backups, 'db-2-2026-11-28.dump')
stale.text = 'x' * 2000
stale.setLastModified(now - 50 * 3_600_000L)
return true
