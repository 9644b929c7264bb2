// One sentence names the versions found and needed, and the fix.
def log = new File(basedir, 'build.log').text
assert log.contains('infra-junit needs JUnit Platform 6.1 or newer, but the test class path has JUnit Platform 1.14.1'
        + ' (junit-platform-engine); align the JUnit versions by importing org.junit:junit-bom:6.1.3 (type pom, scope'
        + ' import) first in dependencyManagement, before any BOM that manages an older JUnit')
return true
