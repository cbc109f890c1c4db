import Foundation
import PingyiCore
import Testing

@Suite("CSV reading")
struct CSVDocumentTests {
    @Test("a byte-order mark is dropped and lines are counted across quoted line breaks")
    func bomAndLines() throws {
        let text = "\u{FEFF}a,b\n1,\"two\nlines\"\n\n3,4\r\n5,\"x,y\"\"z\"\n"
        let document = try CSVDocument.parse(Data(text.utf8), file: "f.csv")
        #expect(document.header == ["a", "b"])
        #expect(document.records.map(\.line) == [2, 5, 6])
        #expect(document.records[0].fields == ["1", "two\nlines"])
        #expect(document.records[2].fields == ["5", "x,y\"z"])
    }

    @Test("invalid UTF-8 is refused with the line it is on")
    func invalidUTF8() {
        var bytes = Array("姓名,工号\n张三,1\n".utf8)
        bytes += [0xC3, 0x28, 0x2C, 0x32, 0x0A]  // "\xC3(,2"
        let failure = #expect(throws: InvalidFile.self) { try CSVDocument.parse(Data(bytes), file: "gbk.csv") }
        #expect(failure?.issues.map(\.line) == [3])
        #expect(failure?.issues.first?.description.hasPrefix("gbk.csv:3: 不是有效的 UTF-8 编码") == true)
    }

    @Test("an empty file is refused")
    func emptyFile() {
        let failure = #expect(throws: InvalidFile.self) { try CSVDocument.parse(Data(), file: "empty.csv") }
        #expect(failure?.issues.first?.description == "empty.csv:1: 文件为空，缺少表头行")
    }
}
