// The application is built from a `ServerConfiguration` (PingyiConfiguration): re-exported, so that
// every file of the server, its tests and `pingyi serve` see it with `import PingyiServer`, as
// Hummingbird re-exports HummingbirdCore.
@_exported import PingyiConfiguration
