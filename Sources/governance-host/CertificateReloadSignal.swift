import Dispatch
import Foundation
import GovernanceHost
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// SIGHUP re-reads the TLS certificate and key (a renewed certificate takes effect for new connections). Without TLS,
/// SIGHUP is ignored with a log line rather than killing the server, as the default action would.
enum CertificateReloadSignal {
    static func install(_ certificates: TLSCertificates?, logger: Logger) -> (any DispatchSourceSignal)? {
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        source.setEventHandler {
            guard let certificates else {
                logger.notice("SIGHUP: no TLS certificate to reload (serving plain HTTP); nothing to do")
                return
            }
            if let error = certificates.reload() {
                logger.error("SIGHUP: TLS certificate not reloaded, still serving the previous one: \(error)")
            } else {
                logger.notice("SIGHUP: TLS certificate reloaded from \(certificates.certificatePath)")
            }
        }
        source.resume()
        return source
    }
}
