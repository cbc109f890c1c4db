/// Why a ceremony, a ballot, a share or a count is refused — in words for the office's clerk.
public enum TallyError: Error, Equatable, CustomStringConvertible {
    case duplicateContest(String)
    case tooFewOptions(String)
    case trusteeCount(Int)
    case quorum(Int, trustees: Int)
    case trusteeNames
    case ceremonyInvalid
    case unknownContest(String)
    case optionOutOfRange(contest: String, option: Int)
    case shareOfAnotherCampaign(trustee: String)
    case unknownTrustee(trustee: String)
    case shareDoesNotMatch(trustee: String)
    case sharesIncomplete(trustee: String)
    case shareProofFailed(trustee: String)
    case quorumNotMet(present: Int, quorum: Int)
    case totalNotFound(contest: String)
    case textTooLong(Int, length: Int)
    case textUnreadable
    case targetTooLong(String)
    case notAShareFile

    public var description: String {
        switch self {
        case .duplicateContest(let id): "计票清单中「\(id)」重复"
        case .tooFewOptions(let id): "计票清单中「\(id)」的选项少于两个"
        case .trusteeCount(let n): "密钥保管单位须为 2 至 16 个，现为 \(n) 个（单一单位保管，请用单一计票私钥）"
        case .quorum(let k, let n): "计票所需单位数须在 2 至 \(n) 之间，现为 \(k)：任何一个单位都不能单独计票"
        case .trusteeNames: "密钥保管单位的名称不能为空，也不能重复"
        case .ceremonyInvalid: "密钥生成记录的证明不成立：这不是本次评议的联合密钥"
        case .unknownContest(let id): "答卷中的「\(id)」不在本次评议的计票清单中"
        case .optionOutOfRange(let id, let option): "答卷中「\(id)」的选项 \(option) 不存在"
        case .shareOfAnotherCampaign(let name): "「\(name)」提交的密钥份额属于另一次评议，未采用"
        case .unknownTrustee(let name): "「\(name)」不是本次评议的密钥保管单位，其份额未采用"
        case .shareDoesNotMatch(let name): "「\(name)」提交的密钥份额与密钥生成时的公开记录不符（文件被改动或不是该单位的），未采用"
        case .sharesIncomplete(let name): "「\(name)」的解密份额不完整，未采用"
        case .shareProofFailed(let name): "「\(name)」的解密份额证明不成立，未采用"
        case .quorumNotMet(let present, let quorum): "解密需要至少 \(quorum) 个单位的密钥份额，现有 \(present) 个"
        case .totalNotFound(let id): "「\(id)」的合计无法解出：份额或密文有误"
        case .textTooLong(let count, let length): "文字答案 \(count) 字节，超过密封长度 \(length)"
        case .textUnreadable: "一份密封的文字答案无法解开：份额有误或密文被改动"
        case .notAShareFile: "这不是密钥份额文件（应为开始活动时为各保管单位生成的 pingyi-trustee-share-v1 文件）；未作任何改动"
        case .targetTooLong(let id): "「\(id)」过长，不能写入计票清单"
        }
    }
}
