import Foundation
import Testing

extension DeployTests {
    @Test func installerWithADebLetsAptDoTheRestAndPicksTheBoard() throws {
        let script = Self.repository.appendingPathComponent("deploy/install-pi.sh").path
        let result = try ProcessRunner.run("/bin/bash", [script, "--dry-run", "--deb", "anima_1.0_arm64.deb", "--board", "adafruit-braincraft-hat"])
        #expect(result.status == 0, "\(result.output)")
        // A bare file name would make apt look for a package of that name: the script makes it a path.
        #expect(result.output.contains("+ apt-get install -y ./anima_1.0_arm64.deb"))
        #expect(result.output.contains("flash --board adafruit-braincraft-hat --boards-dir /usr/share/anima/boards"))
        #expect(!result.output.contains("useradd"), "the package's postinst creates the user")
        let both = try ProcessRunner.run("/bin/bash", [script, "--dry-run", "--deb", "a.deb", "--binary", "x", "--board", "b"])
        #expect(both.status == 2)
        #expect(both.output.contains("give --deb or --binary, not both"))
    }
}
