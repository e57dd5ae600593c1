import Foundation
import Testing

/// The deployment files: the Pi installer's dry run and the systemd units.
@Suite struct DeployTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func installerDryRunListsEveryActionAndChangesNothing() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pi-root-\(UUID().uuidString)").path
        let result = try ProcessRunner.run("/bin/bash", [Self.repository.appendingPathComponent("deploy/install-pi.sh").path,
                                           "--dry-run", "--binary", "/nonexistent/anima", "--board", "adafruit-braincraft-hat",
                                           "--rotation", "90", "--root", root])
        #expect(result.status == 0, "\(result.output)")
        for action in ["dry run: nothing is changed", "usermod -aG gpio anima", "usermod -aG spi anima", "usermod -aG i2c anima",
                       "usermod -aG video anima", "dtparam=spi=on", "dtparam=i2c_arm=on",
                       "install -D -m 0755 /nonexistent/anima \(root)/usr/local/bin/anima",
                       "flash --board adafruit-braincraft-hat", "--rotation 90",
                       "install \(Self.repository.path)/deploy/anima.service as \(root)/etc/systemd/system/anima.service (ExecStart=/usr/local/bin/anima)",
                       "no Python anima-mcp install found"] {
            #expect(result.output.contains(action), "missing action '\(action)' in:\n\(result.output)")
        }
        #expect(!FileManager.default.fileExists(atPath: root), "a dry run must not create anything")
    }

    @Test func installerRejectsBadArguments() throws {
        let script = Self.repository.appendingPathComponent("deploy/install-pi.sh").path
        let noBoard = try ProcessRunner.run("/bin/bash", [script, "--dry-run", "--binary", "x"])
        #expect(noBoard.status == 2)
        #expect(noBoard.output.contains("--board is required"))
        let badRotation = try ProcessRunner.run("/bin/bash", [script, "--dry-run", "--binary", "x", "--board", "b", "--rotation", "45"])
        #expect(badRotation.status == 2)
        #expect(badRotation.output.contains("--rotation must be 0, 90, 180 or 270"))
    }

    /// `systemd-analyze verify` on the shipped units, with ExecStart pointed at an executable that exists here.
    @Test(arguments: ["anima.service", "governance-host.service"])
    func unitFilePassesSystemdVerify(_ unit: String) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze") else {
            Issue.record("systemd-analyze is not installed; it ships with systemd on Debian")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("units-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let text = try String(contentsOf: Self.repository.appendingPathComponent("deploy/\(unit)"), encoding: .utf8)
            .replacingOccurrences(of: "/usr/local/bin/", with: "/bin/true --")
            .replacingOccurrences(of: "ExecStart=/usr/bin/anima ", with: "ExecStart=/bin/true anima ")
        let copy = directory.appendingPathComponent(unit)
        try text.write(to: copy, atomically: true, encoding: .utf8)
        let result = try ProcessRunner.run("/usr/bin/systemd-analyze", ["verify", copy.path])
        let problems = result.output.split(separator: "\n").filter { !$0.isEmpty }  // verify exits 0 on warnings: any line is a problem
        #expect(result.status == 0 && problems.isEmpty, "\(result.output)")
    }

    /// One anima.service (issue 22): the .deb and the installer both take deploy/anima.service, and it has every line
    /// a Pi needs (scripts/pi/check-unit.sh's list, which `make pi-smoke` runs on the unit inside the built .deb).
    @Test func oneAnimaUnitWithEveryRequiredLine() throws {
        #expect(!FileManager.default.fileExists(atPath: Self.repository.appendingPathComponent("deploy/debian/anima.service").path),
                "a second copy of the unit drifts from the first")
        let package = try String(contentsOf: Self.repository.appendingPathComponent("scripts/pi/package.sh"), encoding: .utf8)
        #expect(package.contains("\"$REPO_ROOT/deploy/anima.service\" \"$stage/usr/lib/systemd/system/anima.service\""))
        let check = try ProcessRunner.run("/bin/sh", [Self.repository.appendingPathComponent("scripts/pi/check-unit.sh").path,
                                         "--lines", Self.repository.appendingPathComponent("deploy/anima.service").path])
        #expect(check.status == 0, "\(check.output)")
    }
}
