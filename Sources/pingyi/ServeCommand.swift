import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PingyiServer

/// `pingyi serve [--host 127.0.0.1] [--port 8080]`
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "运行网页服务：客商评议表（/s）、特约监督员评星表（/r）、/healthz、/readyz。SIGTERM/SIGINT 时处理完进行中的请求再退出。")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "监听地址") var host = "127.0.0.1"
    @Option(help: "监听端口") var port = 8080

    func run() async throws {
        var configuration = ServerConfiguration.fromEnvironment()
        configuration.host = host
        configuration.port = port
        configuration.conninfo = database.conninfo
        var logger = Logger(label: "pingyi.server")
        logger.logLevel = ProcessInfo.processInfo.environment["PINGYI_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let application = try await buildApplication(configuration, logger: logger)
        try await application.runService()
    }
}
