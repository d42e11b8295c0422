#include "console/ui/replica_report.h"

namespace breathline::ui {

namespace {

std::string judgement_ja(const std::string& db) {
    if (db == "stay_home") return "在宅継続";
    if (db == "hospitalise") return "入院";
    if (db == "evacuate") return "避難";
    return db.empty() ? "判定なし" : db;
}

std::string judgement_en(const std::string& db) {
    if (db == "stay_home") return "stay at home";
    if (db == "hospitalise") return "hospitalise";
    if (db == "evacuate") return "evacuate";
    return db.empty() ? "no judgement" : db;
}

} // namespace

ReplayReportText replay_report_text(const data::ReplayReport& r) {
    ReplayReportText t;
    const std::string replayed = std::to_string(r.replayed.size() + r.already_sent.size());
    const std::string conflicts = std::to_string(r.conflicts.size());
    const std::string pending = std::to_string(r.pending.size());
    t.summary_ja = "ローカルモードの安否確認をサーバーへ送信しました: 送信 " + replayed +
                   " 件、競合 " + conflicts + " 件、未送信 " + pending + " 件";
    t.summary_en = "safety checks of local mode sent to the server: replayed " + replayed +
                   ", conflicts " + conflicts + ", pending " + pending;
    for (const auto& k : r.conflicts) {
        t.details_ja.push_back("競合: 登録番号 " + k.check.person_external_id + " の確認 (" +
                               k.check.checked_at + "、" + k.check.actor + ") より後に " +
                               k.other_actor + " が " + k.other_checked_at + " に確認済み (" +
                               judgement_ja(k.other_status) + ")。両方を記録しました");
        t.details_en.push_back("conflict: registry " + k.check.person_external_id +
                               ", checked at " + k.check.checked_at + " by " + k.check.actor +
                               "; " + k.other_actor + " checked later at " + k.other_checked_at +
                               " (" + judgement_en(k.other_status) + "); both are kept");
    }
    for (const auto& p : r.pending) {
        t.details_ja.push_back("未送信: 登録番号 " + p.check.person_external_id + " の確認 (" +
                               p.check.checked_at + "、" + p.check.actor +
                               ") はサーバーが受け付けません: " + p.reason);
        t.details_en.push_back("pending: registry " + p.check.person_external_id + ", checked at " +
                               p.check.checked_at + " by " + p.check.actor +
                               ", refused by the server: " + p.reason);
    }
    t.needs_attention = !r.conflicts.empty() || !r.pending.empty();
    return t;
}

} // namespace breathline::ui
