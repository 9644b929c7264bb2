// Reads the XML a real Surefire run wrote and checks one row per host of a fanned-out check.
def reports = new File(basedir, 'target/surefire-reports')
def xml = new groovy.xml.XmlSlurper().parse(new File(reports, 'TEST-com.acme.specs.DatabaseBackupsSpec.xml'))
def rows = xml.testcase.collectEntries { [(it.@name.text()): it] }

assert rows.keySet() == ['everyDatabaseIsBackedUp[db-1]', 'everyDatabaseIsBackedUp[db-2]', 'db1AnswersCommands'] as Set : rows.keySet()
rows.values().each { assert it.@classname.text() == 'com.acme.specs.DatabaseBackupsSpec' }
// A passed row has no failure, error or skipped element (its captured output may hold SLF4J's notice)
def outcomes = { row -> row.children().findAll { it.name() in ['failure', 'error', 'skipped'] }.size() }
assert outcomes(rows['everyDatabaseIsBackedUp[db-1]']) == 0
assert rows['everyDatabaseIsBackedUp[db-2]'].failure.@message.text() == 'db-2: expected a backup younger than 24h, but the newest is 51h old'
assert outcomes(rows['db1AnswersCommands']) == 0

def web = new groovy.xml.XmlSlurper().parse(new File(reports, 'TEST-com.acme.specs.WebTierSpec.xml'))
assert web.testcase.collect { it.@name.text() } == ['answersCommands[web-1]']

// The HTML report of the whole run, in the module's target, with the checks of both spec classes
def html = new File(basedir, 'target/infra-junit-report/index.html').text
assert html.contains('<th class="host">db-2</th>') && html.contains('<th class="host">web-1</th>')
assert html.contains('DatabaseBackupsSpec') && html.contains('WebTierSpec')
assert html.contains('db-2: expected a backup younger than 24h, but the newest is 51h old')

def log = new File(basedir, 'build.log').text
assert log.contains('infra-junit report: ' + new File(basedir, 'target/infra-junit-report/index.html').toPath().toUri())
assert log.contains('db-2: expected a backup younger than 24h, but the newest is 51h old')
assert log.contains('Tests run: 4, Failures: 1, Errors: 0, Skipped: 0')
return true
