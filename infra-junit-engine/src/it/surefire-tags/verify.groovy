// -Dgroups=web runs only the web checks: the failing backup check is filtered out.
def reports = new File(basedir, 'target/surefire-reports')
assert !new File(reports, 'TEST-com.acme.specs.DatabaseBackupsSpec.xml').exists() ||
        new groovy.xml.XmlSlurper().parse(new File(reports, 'TEST-com.acme.specs.DatabaseBackupsSpec.xml')).testcase.size() == 0
def web = new groovy.xml.XmlSlurper().parse(new File(reports, 'TEST-com.acme.specs.WebTierSpec.xml'))
assert web.testcase.collect { it.@name.text() } == ['answersCommands[web-1]']
assert new File(basedir, 'build.log').text.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
return true
