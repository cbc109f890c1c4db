import PingyiCore

/// An import file that was refused: nothing of it was written.
struct ImportRefused: Error {
    let file: InvalidFile
}
