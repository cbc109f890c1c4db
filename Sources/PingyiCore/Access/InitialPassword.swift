/// A new account's initial password, shown once and changed at first sign-in: twelve characters
/// from an alphabet without look-alikes (no 0/O, 1/l/I), so that it can be read out or copied by hand.
public enum InitialPassword {
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789")

    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<12).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
