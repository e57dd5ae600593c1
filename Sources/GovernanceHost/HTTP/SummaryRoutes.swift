import Foundation
import GovernanceCore
import HTTPTypes
import Hummingbird

/// `POST /v1/summaries` (spec §5.1): a device token's batch, validated whole, stored once.
enum SummaryRoutes {
    static func register(on router: Router<BasicRequestContext>, services: HostServices) {
        router.post("/v1/summaries") { request, _ in
            await JSONBody.handle {
                var request = request
                try RequestBody.refuseDeclaredOversize(request, limit: RequestBody.summariesLimit)
                let agentID = try await deviceAgent(request, services: services)
                let body = try await RequestBody.collect(&request, limit: RequestBody.summariesLimit)
                let decoded = await ParsingQueue.run { () -> Result<SummaryBatch, SummaryValidationError> in
                    Result { () throws(SummaryValidationError) in try SummaryValidator.decodeBatch(body) }
                }
                let batch: SummaryBatch
                switch decoded {
                case let .success(value):
                    batch = value
                case let .failure(error):
                    HostSeries.rejected(error.kind == .tooLarge || error.kind == .batchSize ? "too_large" : "invalid")
                    let status: HTTPResponse.Status = (error.kind == .tooLarge || error.kind == .batchSize) ? .contentTooLarge : .badRequest
                    throw APIError(status, error.message, field: error.field.isEmpty ? nil : error.field)
                }
                guard batch.summaries.count <= services.options.maxBatchItems else {
                    HostSeries.rejected("too_large")
                    throw APIError(.contentTooLarge, "a batch holds at most \(services.options.maxBatchItems) summaries", field: "summaries")
                }
                if let late = SummaryValidator.firstFromTheFuture(batch, now: Date().timeIntervalSince1970, skew: SummaryValidator.allowedClockSkew) {
                    HostSeries.rejected("future_time")
                    throw APIError(.badRequest, late.message, field: late.field)
                }
                let audit = services.audit
                let outcome = try await services.pool.withConnection { (connection) throws(PostgresError) in
                    try SummaryIngest.ingest(batch, agentID: agentID, audit: audit, on: connection)
                }
                guard case let .stored(response) = outcome else {
                    let index = if case let .idTaken(index) = outcome { index } else { 0 }
                    HostSeries.rejected("id_taken")
                    throw APIError(.conflict, "this id is already used; a device makes a fresh uuid for every summary", field: "summaries[\(index)].id")
                }
                HostSeries.summaries("accepted", count: response.accepted)
                HostSeries.summaries("duplicate", count: response.duplicates)
                HostSeries.verdict(response.verdict.action.rawValue)
                return JSONBody.response(encoding: response)
            }
        }
    }

    /// The agent a device token writes. An operator token cannot write (403); an `X-Agent-Id` header naming a
    /// different agent than the token's is refused (403) rather than silently redirected.
    static func deviceAgent(_ request: Request, services: HostServices) async throws -> UUID {
        guard case let .device(agentID, _) = try await RequestAuthentication.principal(request, services: services) else {
            throw APIError.deviceOnly
        }
        if let claimed = header(request, "X-Agent-Id"), !claimed.isEmpty,
            UUID(uuidString: claimed) != agentID
        {
            throw APIError(.forbidden, "this device token belongs to agent \(agentID.uuidString.lowercased()), not \(claimed)", field: "X-Agent-Id")
        }
        return agentID
    }

    /// A header by name, nil when absent (or when the name is not a valid field name).
    static func header(_ request: Request, _ name: String) -> String? {
        HTTPField.Name(name).flatMap { request.headers[$0] }
    }
}
