import ArgumentParser
import Foundation
import PingyiConfiguration

/// A command that runs with the configuration `Pingyi.main` read from the environment, once, when
/// the tool started: it is handed down from there, never read again deeper in the code.
protocol ConfiguredCommand: AsyncParsableCommand {
    /// Runs the command with the tool's configuration.
    func run(_ configuration: PingyiConfiguration) async throws
}

extension ConfiguredCommand {
    /// Run by ArgumentParser's own entry point (not `Pingyi.main`): with the process's environment.
    func run() async throws {
        try await run(PingyiConfiguration(environment: ProcessInfo.processInfo.environment))
    }
}
