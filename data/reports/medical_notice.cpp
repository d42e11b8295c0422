#include "data/reports/medical_notice.h"

#include "data/error.h"
#include "data/io/export_masking.h"
#include "data/io/person_fields.h"
#include "data/model/supporter_labels.h"
#include "data/reports/pdf_document.h"
#include "data/spatialite/spatialite_store.h"

#include <cmath>
#include <cstdio>

namespace breathline::data::reports {

namespace {

std::string yes_no(const std::optional<bool>& v, std::string_view yes = "有",
                   std::string_view no = "無") {
    if (!v) return "不明";
    return std::string(*v ? yes : no);
}

std::string num(const std::optional<double>& v, std::string_view unit) {
    if (!v) return "不明";
    return format_number(v) + std::string(unit);
}

std::string num(const std::optional<int>& v, std::string_view unit) {
    if (!v) return "不明";
    return std::to_string(*v) + std::string(unit);
}

std::string_view judgement_ja(Judgement j) {
    switch (j) {
    case Judgement::stay_home:
        return "在宅継続";
    case Judgement::hospitalise:
        return "入院";
    case Judgement::evacuate:
        return "避難";
    }
    return "?";
}

std::string_view contact_kind_ja(ContactKind k) {
    switch (k) {
    case ContactKind::attending_physician:
        return "主治医";
    case ContactKind::specialist:
        return "専門医";
    case ContactKind::care_manager:
        return "ケアマネジャー";
    case ContactKind::visiting_nurse_station:
        return "訪問看護ステーション";
    case ContactKind::equipment_vendor:
        return "人工呼吸器取扱業者";
    case ContactKind::home_helper:
        return "ホームヘルパー";
    case ContactKind::district_nurse:
        return "地区担当保健師";
    case ContactKind::other:
        return "その他";
    }
    return "?";
}

std::string phone(std::string_view value, bool include_personal) {
    if (value.empty()) return "";
    return include_personal ? std::string(value) : apply_mask(mask_rule("phone"), value);
}

// The person's name is masked by the blank rule; a masked cell is shown as
// stars so a reader sees that something was withheld.
std::string personal_name(std::string_view value, bool include_personal) {
    if (include_personal) return std::string(value);
    return value.empty() ? "" : "＊＊＊";
}

Person person_or_throw(Store& store, std::string_view external_id) {
    auto p = store.registry().person_by_external_id(external_id);
    if (!p)
        throw DataError(ErrorCode::not_found,
                        "person '" + std::string(external_id) +
                            "' is not in the registry; check the registry number (list persons)");
    return *p;
}

std::string devices(const Person& p) {
    std::string s;
    auto add = [&](const std::string& part) { s += (s.empty() ? "" : " / ") + part; };
    if (p.uses_ventilator) {
        std::string v = "人工呼吸器";
        if (p.ventilator_mode) v += std::string(" ") + std::string(to_db(*p.ventilator_mode));
        if (!p.ventilator_model.empty()) v += " " + p.ventilator_model;
        v += " (使用 " + num(p.ventilator_hours_per_day, "時間/日") + ")";
        add(v);
    }
    if (p.home_oxygen) add("在宅酸素 " + num(p.oxygen_flow_l_min, "L/分"));
    if (p.infusion_pump) add("輸液ポンプ");
    if (p.low_pressure_suction) add("低圧持続吸引器");
    if (p.cough_assist) add("排痰補助装置");
    if (p.air_mattress) add("エアマット");
    if (p.tube_feeding != TubeFeeding::none) add("経管栄養");
    return s;
}

std::string time_text(double eta_s) {
    const long minutes = std::lround(eta_s / 60.0);
    return std::to_string(minutes) + "分";
}

std::string distance_text(double m) {
    char buf[32];
    if (m < 1000)
        std::snprintf(buf, sizeof buf, "%.0f m", m);
    else
        std::snprintf(buf, sizeof buf, "%.2f km", m / 1000.0);
    return buf;
}

void write_notice_body(Store& store, PdfDocument& doc, const Person& p,
                       const NoticeOptions& options) {
    FlowPage l(doc, 42.0);
    l.title("在宅人工呼吸器使用者 入院・移送調整依頼");
    l.row("宛先", std::string(k_medical_hq_name) + "  FAX " + std::string(k_medical_hq_fax));
    l.row("発信", spatialite::utc_now_iso() + " (UTC)  " + store.actor());
    l.para("※ 氏名欄は黒塗り: 本書には氏名を記載していません。照合は登録番号で行ってください。");

    l.heading("対象者");
    // The name and its kana are never drawn: there is nothing to uncover.
    l.row("氏名", k_name_withheld);
    l.row("登録番号", p.external_id);
    l.row("性別", p.sex == Sex::male ? "男" : p.sex == Sex::female ? "女" : "不明");
    l.row("所在地", options.include_personal ? p.address : p.town + " (町丁目まで)");
    l.row("電話",
          phone(!p.phone_home.empty() ? p.phone_home : p.phone_mobile, options.include_personal));
    l.row("病名", p.disease);
    l.row("療養状況", p.care_situation);

    l.heading("医療機器");
    l.row("使用機器", devices(p));
    if (p.uses_ventilator) {
        l.row("内部バッテリー",
              yes_no(p.internal_battery) +
                  (p.internal_battery_h ? " " + num(p.internal_battery_h, "時間") : ""));
        l.row("外部バッテリー",
              yes_no(p.external_battery) +
                  (p.external_battery_h ? " " + num(p.external_battery_h, "時間") : ""));
        l.row("吸引器", "内部バッテリー " + yes_no(p.suction_internal_battery) + " / 非電源式 " +
                            yes_no(p.suction_non_electric));
        l.row("蘇生バッグ", yes_no(p.resuscitation_bag));
    }

    const SafetyCheck* check = options.latest_check ? &*options.latest_check : nullptr;
    l.heading("状態 (安否確認)");
    if (!check) {
        l.row("確認", "安否確認の記録なし");
    } else {
        l.row("確認日時", check->checked_at + " (UTC)");
        if (p.uses_ventilator) {
            std::string running = yes_no(check->vent_running, "作動中", "停止");
            if (check->vent_power)
                running += check->vent_power == VentilatorPower::ac ? " (AC電源)"
                           : check->vent_power == VentilatorPower::external_battery
                               ? " (外部バッテリー)"
                               : " (内部バッテリー)";
            l.row("人工呼吸器", running);
            l.row("回路の異常", yes_no(check->circuit_fault, "あり", "なし"));
            l.row("外部電源の残時間", num(check->external_power_left_h, "時間"));
        }
        std::string bp = "不明";
        if (check->bp_systolic && check->bp_diastolic)
            bp = std::to_string(*check->bp_systolic) + "/" + std::to_string(*check->bp_diastolic);
        l.row("バイタル", "血圧 " + bp + "  脈拍 " + num(check->pulse_bpm, "/分") + "  SpO2 " +
                              num(check->spo2_pct, "%") + "  体温 " +
                              num(check->temperature_c, "℃"));
        l.row("その他身体状況", check->other_condition);
        l.row("介護の継続",
              yes_no(check->caregiver_can_continue, "可", "困難") +
                  (check->caregiver_reason.empty() ? "" : " (" + check->caregiver_reason + ")"));
        l.row("ライフライン", "電気 " + (check->electricity.empty() ? "—" : check->electricity) +
                                  " / ガス " + (check->gas.empty() ? "—" : check->gas) +
                                  " / 水道 " + (check->water.empty() ? "—" : check->water));
        if (check->oxygen_cylinders)
            l.row("酸素ボンベ", num(check->oxygen_cylinders, "本") + " 利用可能 " +
                                    num(check->oxygen_hours_usable, "時間"));
        l.row("確認者所属", check->checker_affiliation);
    }

    const auto decision = ops::decision_store(store)->latest(p.id);
    // A plain value and flag: GCC 12 reports a false maybe-uninitialized for
    // an optional enum compared here.
    Judgement judgement = Judgement::stay_home;
    bool judged = false;
    if (options.judgement) {
        judgement = *options.judgement;
        judged = true;
    } else if (check && check->judgement) {
        judgement = *check->judgement;
        judged = true;
    } else if (decision) {
        judgement = decision->judgement;
        judged = true;
    }
    l.heading("判断");
    l.row("判断", judged ? std::string(judgement_ja(judgement)) : "未判断");
    if (judged && judgement == Judgement::hospitalise) {
        const auto s = ops::assess_severity(p, check);
        l.row("重症度",
              std::string(s.severity == ops::Severity::severe ? "重症 (災害拠点病院)"
                                                              : "中等症 (災害拠点連携病院等)") +
                  "  根拠: " + s.reason_ja);
    }

    l.heading("搬送先");
    if (!decision) {
        l.row("搬送先", "未決定");
    } else {
        const auto f = store.facilities().facility(decision->chosen_facility_id);
        l.row("搬送先",
              f ? std::string(label_ja(f->kind)) + " " + f->name + " (" + f->external_id + ")"
                : "施設ID " + std::to_string(decision->chosen_facility_id));
        if (f && !f->phone.empty()) l.row("搬送先電話", f->phone);
        std::string eta = decision->eta_s ? time_text(*decision->eta_s) : "不明";
        if (decision->road_distance_m) eta += " / " + distance_text(*decision->road_distance_m);
        l.row("所要時間", eta + " (" + decision->profile + ")");
        l.row("決定", std::string(decision->overridden ? "推奨を変更" : "推奨どおり") +
                          (decision->reason.empty() ? "" : " 理由: " + decision->reason) + "  " +
                          decision->decided_at);
    }

    l.heading("連絡先");
    const auto contacts = store.registry().contacts(p.id);
    if (contacts.empty()) l.row("連絡先", "登録なし");
    for (const Contact& c : contacts) {
        std::string v = c.organisation;
        if (!c.name.empty())
            v += (v.empty() ? "" : " ") + personal_name(c.name, options.include_personal);
        if (!c.phone.empty()) v += "  TEL " + c.phone;
        if (!c.fax.empty()) v += "  FAX " + c.fax;
        l.row(contact_kind_ja(c.kind), v);
    }
    l.row("支援者", std::to_string(store.registry().supporter_links(p.id).size()) +
                        "名 (移送には4名以上が必要)");
}

void write_contact_page(Store& store, PdfDocument& doc, const Person& p, bool include_personal) {
    FlowPage l(doc, 42.0);
    l.title("関係者及び緊急時の医療機関等の連絡リスト (様式1)");
    l.row("対象者", personal_name(p.name, include_personal) + "  登録番号 " + p.external_id);
    if (include_personal && !p.name_kana.empty()) l.row("フリガナ", p.name_kana);
    l.row("住所", p.address);
    l.row("電話",
          phone(p.phone_home, include_personal) +
              (p.phone_mobile.empty() ? "" : "  携帯 " + phone(p.phone_mobile, include_personal)));

    l.heading("安否情報の連絡先");
    l.row("医療対策本部", k_medical_hq_name);
    l.row("TEL / FAX", std::string(k_medical_hq_phone) + " / FAX " + std::string(k_medical_hq_fax));
    l.heading("関係機関");
    const auto contacts = store.registry().contacts(p.id);
    if (contacts.empty()) l.row("関係機関", "登録なし");
    for (const Contact& c : contacts) {
        std::string v = c.organisation;
        if (!c.name.empty()) v += (v.empty() ? "" : " ") + personal_name(c.name, include_personal);
        if (!c.phone.empty()) v += "  TEL " + c.phone;
        if (!c.fax.empty()) v += "  FAX " + c.fax;
        l.row(contact_kind_ja(c.kind), v);
    }
    l.heading("支援者");
    const auto links = store.registry().supporter_links(p.id);
    if (links.empty()) l.row("支援者", "登録なし");
    for (const SupporterLink& link : links) {
        const auto s = store.registry().supporter(link.supporter_id);
        if (!s) continue;
        std::string v = personal_name(s->name, include_personal);
        if (!s->phone.empty()) v += "  TEL " + phone(s->phone, include_personal);
        if (!link.role.empty()) v += "  " + link.role;
        v += "  (優先 " + std::to_string(link.priority) + ")";
        l.row(label_ja(s->kind), v);
    }
    if (links.size() < static_cast<std::size_t>(k_supporters_needed_for_transport))
        l.para("※ 移送には少なくとも4人の支援者が必要です (登録 " + std::to_string(links.size()) +
               "名)。");
    if (!include_personal) l.para("※ 個人情報はマスクしています (氏名は＊＊＊、電話番号は*)。");
}

// Draws into a temporary file, then publishes it with the audit entry.
template <typename Draw>
ReportResult render(Store& store, const std::filesystem::path& output, std::string_view title,
                    std::string_view report, const std::string& summary, Draw draw) {
    const auto temp = temp_path_for(output);
    int pages = 0;
    try {
        PdfDocument doc(temp, title);
        draw(doc);
        pages = doc.pages();
        doc.finish();
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        throw;
    }
    publish_report(store, temp, output, report, summary);
    return {output, pages};
}

} // namespace

ReportResult write_medical_notice(Store& store, std::string_view external_id,
                                  const NoticeOptions& options) {
    const Person p = person_or_throw(store, external_id);
    const std::string summary =
        "medical HQ notice for " + p.external_id + " (name withheld" +
        (options.include_personal ? ", personal data included)" : ", personal data masked)");
    return render(store, options.output, "入院・移送調整依頼 " + p.external_id, "medical_notice",
                  summary, [&](PdfDocument& doc) { write_notice_body(store, doc, p, options); });
}

ReportResult write_contact_list(Store& store, const ContactListOptions& options) {
    std::vector<Person> persons;
    if (options.person_ids.empty()) {
        PersonFilter filter;
        filter.status = PersonStatus::active;
        persons = store.registry().persons(filter);
    } else {
        for (const auto& id : options.person_ids)
            persons.push_back(person_or_throw(store, id));
    }
    const std::string summary =
        "contact list (様式1) of " + std::to_string(persons.size()) + " persons" +
        (options.include_personal ? ", personal data included" : ", personal data masked");
    return render(store, options.output, "連絡リスト (様式1)", "contact_list", summary,
                  [&](PdfDocument& doc) {
                      for (std::size_t i = 0; i < persons.size(); ++i) {
                          if (i) doc.new_page();
                          write_contact_page(store, doc, persons[i], options.include_personal);
                      }
                  });
}

} // namespace breathline::data::reports
