// Surefire's forks each ran some of the spec classes, one Launcher run per class: the HTML report
// written when the last of them ended holds every class's checks, each in its own column.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 7, Failures: 1, Errors: 0, Skipped: 0')

def html = new File(basedir, 'target/infra-junit-report/index.html').text
['DatabaseBackupsSpec', 'WebTierSpec', 'CapacitySpec'].each { assert html.contains(it) : "the report lacks $it" }
['db-1', 'db-2', 'web-1'].each { assert html.contains('<th class="host">' + it + '</th>') : "the report lacks host $it" }
assert html.contains('db-2: expected a backup younger than 24h, but the newest is 51h old')
// the totals count the results of every run: 4 rows (3 hosts and the checks without one), 4 checks, 6 passed, 1 failed
def totals = (html =~ /<p id="totals">(.*?)<\/p>/)[0][1].replaceAll('<[^>]+>', '')
assert totals == '4 rows, 4 checks: 6 passed 1 failed 0 could not check 0 skipped' : totals
return true
