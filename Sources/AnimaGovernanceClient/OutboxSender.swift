import AnimaStore
import Foundation
import GovernanceCore

/// Posts the oldest queued summaries as one batch and deletes them only when the host answered 2xx.
/// Classifies every other outcome into the client's error so the caller can back off.
struct OutboxSender: Sendable {
    enum Outcome: Sendable {
        case empty
        case delivered(ids: [String], SummaryResponse)
        case failed(GovernanceClientError)
    }

    let configuration: GovernanceClientConfiguration
    let outbox: any OutboxStorage
    let transport: any HTTPTransport

    func sendOldestBatch(timeout: Double) async -> Outcome {
        let items: [OutboxItem]
        do {
            items = try outbox.oldest(limit: configuration.batchSize)
        } catch {
            return .failed(.store(error))
        }
        guard !items.isEmpty else { return .empty }
        let body = SummaryBatch.body(encodedSummaries: items.map(\.payload))
        let headers = [
            "Authorization": "Bearer \(configuration.token.value)",
            "Content-Type": "application/json",
            "Accept": "application/json",
        ]
        let response: HTTPResponse
        do {
            response = try await transport.post(
                url: configuration.summariesURL.absoluteString, headers: headers, body: body, timeout: timeout)
        } catch {
            return .failed(.network(error.message))
        }
        switch response.status {
        case 200..<300:
            let ids = items.map(\.id)
            // The host stored the batch: remove the rows even if its answer cannot be read.
            do {
                try outbox.remove(ids: ids)
            } catch {
                return .failed(.store(error))
            }
            do {
                return .delivered(ids: ids, try JSONDecoder().decode(SummaryResponse.self, from: Data(response.body)))
            } catch {
                return .failed(.badResponse("\(error)"))
            }
        case 401, 403:
            return .failed(.unauthorized(status: response.status, detail: Self.errorBody(response)?.error ?? ""))
        case 408, 429, 500...:
            return .failed(.serverUnavailable(status: response.status, detail: Self.errorBody(response)?.error ?? ""))
        default:
            let body = Self.errorBody(response)
            return .failed(
                .rejected(
                    status: response.status, detail: body?.error ?? String(decoding: response.body.prefix(200), as: UTF8.self),
                    field: body?.field))
        }
    }

    private static func errorBody(_ response: HTTPResponse) -> BridgeErrorBody? {
        try? JSONDecoder().decode(BridgeErrorBody.self, from: Data(response.body))
    }
}
