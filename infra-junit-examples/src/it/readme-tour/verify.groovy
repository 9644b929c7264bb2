// What a user of the README's pom gets: one Surefire row per host with db-2's reason, a build that
// fails when nothing was checked, and no AWS jar: its specs check hosts only (infra-junit-aws would
// bring the SDK; AwsSdkVersionsTest checks that it comes at one version).
def reports = new File(basedir, 'target/surefire-reports')
def xml = new groovy.xml.XmlSlurper().parse(new File(reports, 'TEST-com.acme.specs.DatabaseBackupsSpec.xml'))
def rows = xml.testcase.collectEntries { [(it.@name.text()): it] }

assert rows.keySet() == ['everyDatabaseHasARecentBackup[db-1]', 'everyDatabaseHasARecentBackup[db-2]'] as Set : rows.keySet()
// A passed row has no failure, error or skipped element (its captured output may hold SLF4J's notice)
assert rows['everyDatabaseHasARecentBackup[db-1]'].children().findAll { it.name() in ['failure', 'error', 'skipped'] }.isEmpty()
// The directory comes from ${sys:basedir}: a value from a system property is never shown
assert rows['everyDatabaseHasARecentBackup[db-2]'].failure.@message.text() ==
        'db-2: expected a backup younger than 24h, but the newest of ***/backups/db-2-*.dump is db-2-2026-11-28.dump, 2d 2h old (2 KB)'

def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 2, Failures: 1, Errors: 0, Skipped: 0')
assert log.contains('No tests were executed!')

def classPath = xml.properties.property.find { it.@name == 'surefire.test.class.path' }.@value.text().split(File.pathSeparator)
def awsJars = classPath.findAll { it.contains('/software/amazon/awssdk/') || it.contains('infra-junit-aws') }
assert awsJars.isEmpty() : "AWS jars on the class path of a project that checks hosts only: ${awsJars}"
return true
