import AnimaVersion
import Testing

@testable import AnimaGovernanceClient

/// Devices say which build they run: `anima/<version> (<arch>)` on every request to the governance host.
@Suite struct UserAgentTests {
    @Test func theUserAgentNamesTheVersionAndArchitecture() {
        #expect(AnimaVersion.userAgent == "anima/\(AnimaVersion.string) (\(AnimaVersion.architecture))")
        #expect(!AnimaVersion.string.isEmpty)
        #if arch(x86_64)
            #expect(AnimaVersion.architecture == "x86_64")
        #elseif arch(arm64)
            #expect(AnimaVersion.architecture == "aarch64")
        #endif
    }

    @Test func everyPostCarriesTheUserAgent() async throws {
        let server = try OneShotHTTPServer(status: 200, body: "{}")
        _ = try await CurlTransport().post(
            url: "http://127.0.0.1:\(server.port)/v1/summaries", headers: [:], body: Array("{}".utf8), timeout: 10)
        #expect(server.request.contains("User-Agent: \(AnimaVersion.userAgent)\r\n"))
    }
}
