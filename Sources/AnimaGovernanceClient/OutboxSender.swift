import AnimaStore
import Foundation
import GovernanceCore

/// Posts the oldest queued summaries as one batch and deletes them only when the host's answer acknowledges exactly
/// that batch: a 2xx whose body is a summary response counting every row sent. Anything else — a captive portal's
/// HTML, a proxy page, truncated JSON, an unknown action, a redirect — leaves every row queued.
/// A row the host refuses on its own (its JSON error naming `summaries[0]` of a batch of one) is quarantined, so it
/// cannot block the queue; a 4xx from anything else (a proxy page, the wrong port) or "your clock is ahead" keeps it.
struct OutboxSender: Sendable {
    enum Outcome: Sendable {
        case empty
        case delivered(ids: [String], SummaryResponse)
        /// The host refused this one summary as invalid; it was moved to the quarantine.
        case quarantined(id: String, GovernanceClientError)
        case failed(GovernanceClientError)
    }

    let configuration: GovernanceClientConfiguration
    let outbox: any OutboxStorage
    let transport: any HTTPTransport

    /// Sends up to `limit` of the oldest rows (the configured batch size unless the caller isolates one suspect row).
    func sendOldestBatch(timeout: Double, limit: Int? = nil, now: Double) async -> Outcome {
        let items: [OutboxItem]
        do {
            items = try outbox.oldest(limit: limit ?? configuration.batchSize)
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
            let reply: SummaryResponse
            do {
                reply = try JSONDecoder().decode(SummaryResponse.self, from: Data(response.body))
            } catch {
                return .failed(.badResponse("HTTP \(response.status) with \(Self.excerpt(response.body)); the summaries stay queued"))
            }
            guard reply.accepted >= 0, reply.duplicates >= 0, reply.accepted + reply.duplicates == ids.count else {
                return .failed(.badResponse(
                    "it acknowledged \(reply.accepted) accepted + \(reply.duplicates) duplicates for a batch of \(ids.count); the summaries stay queued"))
            }
            do {
                try outbox.remove(ids: ids)
            } catch {
                return .failed(.store(error))
            }
            return .delivered(ids: ids, reply)
        case 300..<400:
            return .failed(.redirected(status: response.status, location: Self.origin(of: response.headers["location"])))
        case 401, 403:
            return .failed(.unauthorized(status: response.status, detail: HostRefusal.errorBody(response)?.error ?? ""))
        case 408, 429, 500...:
            return .failed(.serverUnavailable(status: response.status, detail: HostRefusal.errorBody(response)?.error ?? ""))
        default:
            switch HostRefusal.summaries(response, count: items.count) {
            case .notTheHost:
                return .failed(.notTheHost(status: response.status, excerpt: Self.excerpt(response.body)))
            case let .clockAhead(body):
                return .failed(.clockAhead(status: response.status, detail: body.error, field: body.field ?? ""))
            case let .unnamed(body):
                return .failed(.rejected(status: response.status, detail: body.error, field: body.field))
            case let .named(_, body):
                let error = GovernanceClientError.rejected(status: response.status, detail: body.error, field: body.field)
                // A batch of one that the host refuses by name is that summary's fault: set it aside, keep the rest moving.
                guard items.count == 1, response.status != 413 else { return .failed(error) }
                do {
                    try outbox.quarantine(id: items[0].id, status: response.status, reason: error.description, at: now)
                } catch {
                    return .failed(.store(error))
                }
                return .quarantined(id: items[0].id, error)
            }
        }
    }

    /// A short, printable excerpt of a reply body for a log line: control characters dropped, at most 120 characters.
    static func excerpt(_ body: [UInt8]) -> String {
        guard !body.isEmpty else { return "an empty body" }
        let text = String(decoding: body.prefix(160), as: UTF8.self).unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }
        return "\"\(String(String.UnicodeScalarView(text)).prefix(120))\"\(body.count > 160 ? "…" : "") (\(body.count) bytes)"
    }

    /// Scheme, host and port of a Location header (never its path or query, which may carry anything).
    static func origin(of location: String?) -> String {
        guard let location, let url = URL(string: location), let host = url.host else { return location == nil ? "no Location" : "a relative Location" }
        return "\(url.scheme ?? "?")://\(host)\(url.port.map { ":\($0)" } ?? "")"
    }

}
