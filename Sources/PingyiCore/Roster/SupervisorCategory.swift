/// What a special supervisor is: the category is stored by its Chinese name.
public enum SupervisorCategory: String, Sendable, Codable, CaseIterable {
    /// 人大代表: deputy to the people's congress.
    case congressDeputy = "人大代表"
    /// 政协委员: member of the political consultative conference.
    case cppccMember = "政协委员"
    /// 企业代表: enterprise representative.
    case enterpriseRepresentative = "企业代表"
    /// 其他.
    case other = "其他"
}
