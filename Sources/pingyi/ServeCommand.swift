import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import PingyiConfiguration
import PingyiServer

/// `pingyi serve [--host 127.0.0.1] [--port 8080]`
struct ServeCommand: ConfiguredCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "运行网页服务：客商评议表（/s）、特约监督员评星表（/r）、/healthz、/readyz。SIGTERM/SIGINT 时处理完进行中的请求再退出。")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "监听地址") var host = "127.0.0.1"
    @Option(help: "监听端口") var port = 8080

    func run(_ configuration: PingyiConfiguration) async throws {
        var server = configuration.server
        server.host = host
        server.port = port
        server.conninfo = database.conninfo(configuration)
        server.codeKey = try configuration.codeKey()
        let home = configuration.home
        server.shippedFile = { ProjectFiles.path($0, home: home) }
        let invalid = server.invalidTrustedProxies
        guard invalid.isEmpty else {
            throw CLIError("PINGYI_TRUSTED_PROXIES 中的「\(invalid.joined(separator: "、"))」不是 IP 地址或网段（如 10.0.0.5 或 10.0.0.0/8）")
        }
        var logger = Logger(label: "pingyi.server")
        logger.logLevel = configuration.logLevel ?? .info
        let application = try await buildApplication(server, logger: logger)
        do {
            try await application.runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw CLIError(
                "端口 \(port) 已被占用（可能已有一个 pingyi serve 在运行）。请先停止它，或换一个端口：pingyi serve --port 8081（make run PORT=8081）")
        }
    }
}
