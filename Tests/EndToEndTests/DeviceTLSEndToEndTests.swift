import Foundation
import Testing

/// Issue 13: the device verifies the host over TLS with the system CA store or a configured CA file — a self-signed
/// fleet syncs with `governance.ca_file`, and a host whose certificate that file does not vouch for is refused with a
/// message naming the file, nothing deleted from the outbox.
@Suite(.serialized) struct DeviceTLSEndToEndTests {
    let anima = BuiltProduct.path("anima")

    /// A self-signed certificate for 127.0.0.1: the fleet's whole CA.
    static func selfSigned(_ directory: String, name: String) throws -> (cert: String, key: String) {
        let cert = "\(directory)/\(name).pem", key = "\(directory)/\(name).key"
        let made = try ProcessRunner.run("/usr/bin/openssl", [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=\(name)",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert,
        ])
        let succeeded = made.status == 0  // a plain Bool: Swift 6.2's #require misreads a comparison
        try #require(succeeded, "\(made.output)")
        return (cert, key)
    }

    @Test func aSelfSignedFleetSyncsWithItsCAFileAndAnotherCAIsRefused() throws {
        let host = try GovernanceHostFixture()
        let directory = ProcessRunner.temporaryDirectory("device-tls")
        let fleet = try Self.selfSigned(directory, name: "anima-fleet")
        let stranger = try Self.selfSigned(directory, name: "someone-else")
        try host.start(certificate: fleet)
        #expect(host.url.hasPrefix("https://"))

        func run(_ data: String, _ extra: [String]) throws -> ProcessRunner.Result {
            try ProcessRunner.run(anima, [
                // A fixed, healthy anima: sensed, it follows this machine's CPU load, and under make test the local
                // fallback (the wrong-CA run has no host verdict) once paused it for good, so its 200 marks never
                // came; the simulated-time bound ends the run should that ever happen again.
                "run", "--board", "simulator", "--data-dir", data, "--clock-step", "5", "--seed", "3", "--marks", "200",
                "--anima", "0.41,0.82,0.89,0.83", "--max-sim-time", "30d",
                "--governance-url", host.url, "--token-file", host.tokenFile, "--governance-interval", "60",
            ] + extra)
        }
        func sync(_ data: String, _ extra: [String]) throws -> ProcessRunner.Result {
            try ProcessRunner.run(anima, ["sync", "--data-dir", data, "--governance-url", host.url, "--token-file", host.tokenFile] + extra)
        }

        // With the fleet's CA file: summaries reach the host over TLS.
        let trusted = ProcessRunner.temporaryDirectory("device-tls-trusted")
        let ran = try run(trusted, ["--governance-ca-file", fleet.cert])
        #expect(ran.status == 0, "\(ran.output.suffix(1500))")
        let synced = try sync(trusted, ["--governance-ca-file", fleet.cert])
        #expect(synced.status == 0 && synced.output.contains("; 0 remain"), "\(synced.output)")
        #expect(try host.count("SELECT count(*) AS n FROM core.summaries") > 0)

        // With another CA's file, or the system store: refused, said why, every summary kept.
        let refused = ProcessRunner.temporaryDirectory("device-tls-refused")
        _ = try run(refused, ["--governance-ca-file", stranger.cert])
        let wrong = try sync(refused, ["--governance-ca-file", stranger.cert])
        #expect(wrong.status == 1, "\(wrong.output)")
        #expect(wrong.output.contains("is not trusted by the CA file \(stranger.cert) (governance.ca_file)"), "\(wrong.output)")
        #expect(!wrong.output.contains("; 0 remain"))
        let system = try sync(refused, [])
        #expect(system.status == 1 && system.output.contains("system CA store (or set governance.ca_file"), "\(system.output)")
        let fixed = try sync(refused, ["--governance-ca-file", fleet.cert])
        #expect(fixed.status == 0 && fixed.output.contains("; 0 remain"), "the kept summaries go once the CA is right: \(fixed.output)")

        // A CA file that is not one is a configuration error at start, naming the setting.
        let notPEM = directory + "/not-a-ca.txt"
        try "hello".write(toFile: notPEM, atomically: true, encoding: .utf8)
        let bad = try sync(trusted, ["--governance-ca-file", notPEM])
        #expect(bad.status != 0 && bad.output.contains("governance.ca_file \(notPEM) holds no PEM certificate"), "\(bad.output)")
    }
}
