import Hummingbird

/// Resolves a request's `Authorization` header to a principal, or throws the 401/403 the caller should see.
enum RequestAuthentication {
    static func principal(_ request: Request, services: HostServices) async throws -> Principal {
        guard let token = AccessToken.fromAuthorization(request.headers[.authorization]) else { throw APIError.missingToken }
        let principal = try await services.pool.withConnection { (connection) throws(PostgresError) in
            try TokenStore.authenticate(token, on: connection)
        }
        guard let principal else { throw APIError.unknownToken }
        switch principal {
        case let .device(agentID, _): RequestAgent.current?.set(agentID.uuidString.lowercased())
        case .operator: RequestAgent.current?.set("operator")
        }
        return principal
    }

    static func requireOperator(_ request: Request, services: HostServices) async throws {
        guard case .operator = try await principal(request, services: services) else { throw APIError.operatorOnly }
    }
}
