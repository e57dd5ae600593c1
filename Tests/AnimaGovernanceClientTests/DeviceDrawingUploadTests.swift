import AnimaStore
import Foundation
import GovernanceCore
import Testing

@testable import AnimaGovernanceClient

/// Finished drawings go to the host with PUT /v1/drawings/{sha256}; a queued drawing leaves anima.db only when the
/// host's 2xx names its hash, or when the host refuses those bytes for good.
@Suite struct DeviceDrawingUploadTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]

    func drawing(_ sha: String) -> DrawingUpload {
        DrawingUpload(sha256: sha, png: DeviceDrawingUploadTests.png, era: "pointillist", marks: 870, pixels: 3_400, completion: "time_limit", finishedAt: 1_795_705_200)
    }

    static func acknowledge(status: Int = 201, sha: String? = nil) -> ScriptedHTTPTransport.Reply {
        .handler { _ in HTTPResponse(status: status, body: Array(#"{"sha256":"\#(sha ?? "")","stored":true}"#.utf8)) }
    }

    @Test func uploadIsAPutWithMetadataAndLeavesOnlyOnAMatchingAcknowledgement() async throws {
        let fixture = try ClientFixture()
        let sha = String(repeating: "ab", count: 32)
        try fixture.store.drawingUploads.enqueue(drawing(sha))
        let transport = ScriptedHTTPTransport(replies: [DeviceDrawingUploadTests.acknowledge(sha: String(repeating: "cd", count: 32)), DeviceDrawingUploadTests.acknowledge(sha: sha)])
        let configuration = try GovernanceClientConfiguration(hostURL: "https://governance.example:8767/", tokenFile: fixture.tokenPath)
        let uploader = DrawingUploader(configuration: configuration, queue: fixture.store.drawingUploads, transport: transport)

        let wrong = await uploader.uploadOldest(timeout: 5, now: 0)
        guard case .failed(.badResponse) = wrong else { Issue.record("another hash is no acknowledgement: \(wrong)"); return }
        #expect(try fixture.store.drawingUploads.depth() == 1)

        #expect(await uploader.uploadOldest(timeout: 5, now: 0) == .uploaded(sha256: sha))
        #expect(try fixture.store.drawingUploads.depth() == 0)
        let request = try #require(transport.requests.last)
        #expect(request.method == "PUT")
        #expect(request.url == "https://governance.example:8767/v1/drawings/\(sha)")
        #expect(request.body == DeviceDrawingUploadTests.png)
        #expect(request.headers["Content-Type"] == "image/png")
        #expect(request.headers["X-Drawing-Era"] == "pointillist")
        #expect(request.headers["X-Drawing-Marks"] == "870")
        #expect(request.headers["X-Drawing-Completion"] == "time_limit")
        #expect(request.headers["X-Drawing-Finished-At"] == "2026-11-25T12:20:00Z" || request.headers["X-Drawing-Finished-At"]?.hasSuffix("Z") == true)
        #expect(await uploader.uploadOldest(timeout: 5, now: 0) == .empty)
    }

    @Test func outagesKeepTheDrawingAndARefusalDiscardsItCounted() async throws {
        let fixture = try ClientFixture()
        let first = String(repeating: "01", count: 32)
        let second = String(repeating: "02", count: 32)
        try fixture.store.drawingUploads.enqueue(drawing(first))
        try fixture.store.drawingUploads.enqueue(drawing(second))
        let configuration = try GovernanceClientConfiguration(hostURL: "https://governance.example:8767/", tokenFile: fixture.tokenPath)
        let portal = ScriptedHTTPTransport(replies: [
            .response(HTTPResponse(status: 200, body: Array("<html>Hotel Wi-Fi</html>".utf8))),
            .response(HTTPResponse(status: 503, body: [])),
            .response(HTTPResponse(status: 302, body: [], headers: ["location": "http://portal.example/login"])),
            .response(HTTPResponse(status: 400, body: Array(#"{"error":"not a PNG","field":"body"}"#.utf8))),
        ])
        let uploader = DrawingUploader(configuration: configuration, queue: fixture.store.drawingUploads, transport: portal)
        for _ in 0..<3 {
            guard case .failed = await uploader.uploadOldest(timeout: 5, now: 0) else { Issue.record("must fail"); return }
            #expect(try fixture.store.drawingUploads.depth() == 2)
        }
        guard case .refused(first, _) = await uploader.uploadOldest(timeout: 5, now: 0) else { Issue.record("400 refuses"); return }
        #expect(try fixture.store.drawingUploads.depth() == 1)
        #expect(try fixture.store.drawingUploads.refusedCount() == 1)
        #expect(try fixture.store.drawingUploads.oldest()?.sha256 == second, "the refused one no longer blocks the next")
    }

    @Test func theQueueIsBoundedDroppingTheOldestCounted() throws {
        let fixture = try ClientFixture()
        for index in 0..<(DrawingUploadQueue.defaultCapacity + 3) {
            try fixture.store.drawingUploads.enqueue(drawing(String(format: "%064x", index)))
        }
        try fixture.store.drawingUploads.enqueue(drawing(String(format: "%064x", DrawingUploadQueue.defaultCapacity + 2)))  // queued: no change
        #expect(try fixture.store.drawingUploads.depth() == DrawingUploadQueue.defaultCapacity)
        #expect(try fixture.store.drawingUploads.droppedCount() == 3)
        #expect(try fixture.store.drawingUploads.oldest()?.sha256 == String(format: "%064x", 3))
    }
}
