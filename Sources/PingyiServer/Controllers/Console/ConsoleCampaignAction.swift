/// What the confirmation page of 活动进度 can lead to, with what it says and what it posts.
enum ConsoleCampaignAction: String, Sendable {
    case open
    case close
    case publish
    case reissue

    /// The heading's verb, before the campaign's name.
    var verb: String {
        switch self {
        case .open: "开始"
        case .close: "结束"
        case .publish: "归档"
        case .reissue: "重新发放邀请："
        }
    }

    /// What will happen.
    var consequence: String {
        switch self {
        case .open:
            "开始后，已发放的链接即可提交评议。本页已在您的浏览器中生成本活动的计票密钥：私钥只在本机，请先保存为文件，服务器和数据库都不会收到；"
                + "请离线保存（U 盘或打印件），结束活动时必须选择该文件，丢失后本活动的选票无法统计。"
        case .close:
            "结束后不再接受任何提交：票箱中的加密选票用计票私钥在服务器内存中打开，以随机顺序计入统计并清空票箱。此操作不能撤销。"
        case .publish:
            "归档后活动只读，不能再更改，也不再列在活动进度中。这不是公布年度结果：排名和人员名单在年度工作台「发布」年度结果后才可见。"
        case .reissue:
            "所有尚未使用的链接将作废，并为这些评议对象生成新链接（下载 CSV）。已提交的不受影响。持有新链接者可代替这些评议对象提交，"
                + "因此须填写理由；理由、操作人和各部门作废数量记入审计日志，并显示在活动进度页。"
        }
    }

    /// The form's target below the campaign's path, and its one field.
    var post: (path: String, field: String, value: String) {
        switch self {
        case .open: ("/state", "to", "open")
        case .close: ("/state", "to", "closed")
        case .publish: ("/state", "to", "published")
        case .reissue: ("/invitations", "reissue", "all")
        }
    }

    /// Whether the form asks for the campaign's private ballot key (closing opens the sealed box).
    var needsKey: Bool { self == .close }

    /// Whether the form asks why (reissuing lets the holder of the new links answer in the
    /// respondents' place: it is audited with its reason).
    var needsReason: Bool { self == .reissue }

    /// The confirming button.
    var button: String {
        switch self {
        case .open: "确认开始"
        case .close: "确认结束"
        case .publish: "确认归档"
        case .reissue: "作废并重新发放"
        }
    }
}
