import Foundation

extension Campaign {
    /// The campaign's schedule as the office reads it at `now`, or `nil` without planned times.
    ///
    /// Planned times are kept by every look-up and claim (the claim compares them with the
    /// database's clock in the same statement), so a campaign opens and stops taking answers at
    /// those times by itself, across restarts and on any number of servers, with no background job.
    /// What the server must not do alone is marked: opening needs the office's ballot key made
    /// (`campaign open`), and counting needs its private half (`campaign close --key`), so a
    /// campaign past its closing time waits for the office, clearly.
    public func scheduleNote(at now: Date) -> String? {
        let opens = opensAt.map(CountyCalendar.moment)
        let closes = closesAt.map(CountyCalendar.moment)
        switch state {
        case .draft:
            guard let opensAt, let opens else { return nil }
            return now < opensAt
                ? "计划于 \(opens) 开始：请在此之前开始活动（生成计票密钥），届时自动开始接受提交"
                : "已过计划开始时间 \(opens)，但活动尚未开始：须由营商办开始活动（生成计票密钥）"
        case .open:
            if let closesAt, let closes, now >= closesAt {
                return isJoint
                    ? "已于 \(closes) 截止，不再接受提交；待营商办结束活动，再由各保管单位提交密钥份额联合计票"
                    : "已于 \(closes) 截止，不再接受提交；待营商办用计票私钥结束活动并计票"
            }
            if let opensAt, let opens, now < opensAt {
                return "将于 \(opens) 开始接受提交" + (closes.map { "，\($0) 截止" } ?? "")
            }
            return closes.map { "将于 \($0) 截止" }
        case .closed, .published:
            return nil
        }
    }
}
