import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `serve --tls-cert/--tls-key` with certificates made here by openssl: HTTPS with the fleet's own CA, a wrong CA
/// refused, SIGHUP picks up a renewed certificate, plain HTTP beyond loopback refused.
@Suite(.serialized) struct HostTLSTests {
    /// A private CA and a server certificate for 127.0.0.1 signed by it, in `directory`.
    struct Certificates {
        let directory: String
        var ca: String { directory + "/ca.pem" }
        var cert: String { directory + "/server.pem" }
        var key: String { directory + "/server.key" }

        init(directory: String) throws {
            self.directory = directory
            try Self.makeCA(directory, name: "ca")
            try Self.issue(directory, ca: "ca", name: "server", commonName: "anima-fleet-host")
        }

        static func makeCA(_ directory: String, name: String) throws {
            try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=\(name) test CA",
                         "-keyout", "\(directory)/\(name).key", "-out", "\(directory)/\(name).pem"])
        }

        static func issue(_ directory: String, ca: String, name: String, commonName: String) throws {
            let extensions = directory + "/\(name).ext"
            try "subjectAltName=IP:127.0.0.1,DNS:localhost\n".write(toFile: extensions, atomically: true, encoding: .utf8)
            try openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=\(commonName)",
                         "-keyout", "\(directory)/\(name).key", "-out", "\(directory)/\(name).csr"])
            try openssl(["x509", "-req", "-in", "\(directory)/\(name).csr", "-CA", "\(directory)/\(ca).pem", "-CAkey", "\(directory)/\(ca).key",
                         "-CAcreateserial", "-days", "2", "-extfile", extensions, "-out", "\(directory)/\(name).pem"])
        }

        static func openssl(_ arguments: [String]) throws {
            let result = try run("/usr/bin/openssl", arguments)
            guard result.status == 0 else { throw HTTPFailure(message: "openssl \(arguments.first ?? ""): \(result.output)") }
        }
    }

    static func run(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// curl against the host: (exit status, verbose output including the certificate subject).
    func curl(_ url: String, ca: String?) throws -> (status: Int32, output: String) {
        try Self.run("/usr/bin/curl", ["-sv", "--max-time", "5", "-o", "/dev/null", "-w", "%{http_code}"] + (ca.map { ["--cacert", $0] } ?? []) + [url])
    }

    @Test func servesHTTPSWithTheFleetCARefusesOthersAndReloadsOnSIGHUP() throws {
        let directory = try TemporaryDirectory()
        let certificates = try Certificates(directory: directory.path)
        let database = try FreshDatabase()
        let environment = ["DB_POSTGRES_URL": database.url]
        #expect(try HostBinary.run(["migrate"], environment: environment).status == 0)
        let (server, port) = try HostBinary.serve(environment: environment, extra: ["--tls-cert", certificates.cert, "--tls-key", certificates.key])
        defer { server.terminate(); server.waitUntilExit() }

        let trusted = try curl("https://127.0.0.1:\(port)/health/live", ca: certificates.ca)
        #expect(trusted.status == 0 && trusted.output.hasSuffix("200"), "\(trusted.output)")
        #expect(trusted.output.contains("CN=anima-fleet-host"))

        try Certificates.makeCA(directory.path, name: "other")
        let wrong = try curl("https://127.0.0.1:\(port)/health/live", ca: directory.path + "/other.pem")
        #expect(wrong.status == 60, "curl must refuse a certificate from another CA: \(wrong.output)")
        let plain = try curl("http://127.0.0.1:\(port)/health/live", ca: nil)
        #expect(!plain.output.hasSuffix("200"), "plain HTTP on the TLS port must not be served")

        // Renewal: new files in place, SIGHUP, and the next connection presents the new certificate.
        try Certificates.issue(directory.path, ca: "ca", name: "server", commonName: "anima-fleet-host-renewed")
        kill(server.processIdentifier, SIGHUP)
        var renewed = false
        for _ in 0..<50 where !renewed {
            Thread.sleep(forTimeInterval: 0.1)
            renewed = try curl("https://127.0.0.1:\(port)/health/live", ca: certificates.ca).output.contains("CN=anima-fleet-host-renewed")
        }
        #expect(renewed, "SIGHUP must load the renewed certificate")
        #expect(server.isRunning, "SIGHUP must not stop the server")

        // A broken renewal keeps the last good pair.
        try "not a certificate".write(toFile: certificates.cert, atomically: true, encoding: .utf8)
        kill(server.processIdentifier, SIGHUP)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try curl("https://127.0.0.1:\(port)/health/live", ca: certificates.ca).output.hasSuffix("200"))
    }

    @Test func plainHTTPBeyondLoopbackAndBadFilesAreRefused() throws {
        let directory = try TemporaryDirectory()
        let database = try FreshDatabase()
        let environment = ["DB_POSTGRES_URL": database.url]
        #expect(try HostBinary.run(["migrate"], environment: environment).status == 0)
        let open = try HostBinary.run(["serve", "--host", "0.0.0.0", "--port", "0"], environment: environment)
        #expect(open.status == 64)
        #expect(open.stderr.contains("give --tls-cert and --tls-key, or --allow-plain-http"), "\(open.stderr)")
        let half = try HostBinary.run(["serve", "--tls-cert", "/x.pem"], environment: environment)
        #expect(half.status == 64)
        let missing = try HostBinary.run(["serve", "--port", "0", "--tls-cert", directory.path + "/none.pem", "--tls-key", directory.path + "/none.key"], environment: environment)
        #expect(missing.status == 78)
        #expect(missing.stderr.contains(directory.path + "/none.pem: cannot read the TLS certificate chain"), "\(missing.stderr)")
    }
}
