#include "data/reports/team_call_list.h"

#include "data/dispatch/team_selection.h"
#include "data/dispatch/transport_store.h"
#include "data/error.h"
#include "data/io/export_masking.h"
#include "data/model/supporter_labels.h"
#include "data/reports/pdf_document.h"
#include "data/spatialite/spatialite_store.h"

#include <cmath>
#include <map>

namespace breathline::data::reports {

namespace {

std::string_view status_ja(dispatch::RequestStatus s) {
    using dispatch::RequestStatus;
    switch (s) {
    case RequestStatus::open:
        return "未編成";
    case RequestStatus::team_assigned:
        return "編成済み";
    case RequestStatus::in_transit:
        return "搬送中";
    case RequestStatus::arrived:
        return "到着";
    case RequestStatus::cancelled:
        return "取消";
    case RequestStatus::short_of_supporters:
        return "人員不足";
    }
    return "?";
}

std::string phone_text(std::string_view value, bool include_personal) {
    if (value.empty()) return "登録なし";
    return include_personal ? std::string(value) : apply_mask(mask_rule("phone"), value);
}

} // namespace

ReportResult write_team_call_list(Store& store, RowId request_id, const CallListOptions& options) {
    auto transport = dispatch::transport_store(store);
    const auto request = transport->request(request_id);
    if (!request)
        throw DataError(ErrorCode::not_found, "no transport request " + std::to_string(request_id) +
                                                  " in '" + store.location() +
                                                  "'; see `breathline transport list`");
    const auto person = store.registry().person(request->person_id);
    if (!person)
        throw DataError(ErrorCode::not_found,
                        "transport request " + std::to_string(request_id) + ": its person is gone");
    const auto members = transport->members(request_id);
    std::map<RowId, SupporterLink> links;
    for (const auto& l : store.registry().supporter_links(person->id))
        links[l.supporter_id] = l;
    const bool personal = options.include_personal;

    const auto temp = temp_path_for(options.output);
    int pages = 0;
    try {
        PdfDocument doc(temp, "支援者呼出しリスト 依頼 #" + std::to_string(request_id));
        FlowPage p(doc, 38.0);
        p.title("移送支援者 呼出しリスト");
        p.row("作成", spatialite::utc_now_iso() + " (UTC)  " + store.actor());
        p.heading("移送依頼");
        p.row("依頼番号", "#" + std::to_string(request->id) + "  (災害 " +
                              std::to_string(request->incident_id) + ")");
        p.row("依頼日時", request->requested_at + " (UTC)");
        p.row("状態", status_ja(request->status));
        p.heading("対象者");
        if (personal) p.row("氏名", person->name);
        p.row("登録番号", person->external_id);
        p.row("所在地", personal ? person->address : person->town + " (町丁目まで)");
        std::string device;
        if (person->uses_ventilator)
            device = "人工呼吸器" + (person->ventilator_mode
                                         ? " " + std::string(to_db(*person->ventilator_mode))
                                         : std::string());
        if (person->home_oxygen) device += (device.empty() ? "" : " / ") + std::string("在宅酸素");
        p.row("医療機器", device);
        std::string destination = "未定";
        if (request->destination_facility_id)
            if (const auto f = store.facilities().facility(*request->destination_facility_id))
                destination = std::string(label_ja(f->kind)) + " " + f->name + " (" +
                              f->external_id + ")" + (f->phone.empty() ? "" : "  TEL " + f->phone);
        p.row("搬送先", destination);

        p.heading("支援者 (到着予定順)");
        const double x_no = 0, x_id = 8, x_kind = 36, x_phone = 62, x_eta = 104, x_link = 124,
                     x_name = 146;
        std::vector<std::pair<double, std::string>> head = {
            {x_no, "No"},      {x_id, "支援者番号"}, {x_kind, "区分"},
            {x_phone, "電話"}, {x_eta, "到着(分)"},  {x_link, "事前登録"}};
        if (personal) head.emplace_back(x_name, "氏名");
        p.cells(head, true);
        p.rule();
        int n = 0;
        int unknown_hours = 0;
        for (const auto& m : members) {
            const auto s = store.registry().supporter(m.supporter_id);
            if (!s) continue;
            const auto link = links.find(s->id);
            std::string linked = "—";
            if (link != links.end())
                linked = "有" + (link->second.priority > 0
                                     ? " (優先" + std::to_string(link->second.priority) + ")"
                                     : std::string());
            if (dispatch::parse_availability(s->availability).kind ==
                dispatch::Availability::Kind::unknown)
                ++unknown_hours;
            std::vector<std::pair<double, std::string>> row = {
                {x_no, std::to_string(++n)},
                {x_id, s->external_id},
                {x_kind, std::string(label_ja(s->kind))},
                {x_phone, phone_text(s->phone, personal)},
                {x_eta, m.eta_s ? std::to_string(std::lround(*m.eta_s / 60.0)) : "不明"},
                {x_link, linked}};
            if (personal) row.emplace_back(x_name, s->name);
            p.cells(row);
        }
        if (members.empty()) p.para("編成された支援者はいません。");
        const int needed = k_supporters_needed_for_transport;
        if (request->status == dispatch::RequestStatus::short_of_supporters ||
            static_cast<int>(members.size()) < needed)
            p.para("※ 人員不足: 移送には少なくとも" + std::to_string(needed) +
                   "名が必要です (編成 " + std::to_string(members.size()) +
                   "名)。区職員・消防等に不足分の応援を依頼してください。");
        if (unknown_hours > 0)
            p.para("※ 対応可能時間が読み取れない支援者が " + std::to_string(unknown_hours) +
                   " 名います (対応可能として扱いました)。電話で確認してください。");
        p.para("※ 到着予定は徒歩の所要時間 (道路網、通行止め反映) です。");
        if (!personal)
            p.para("※ 個人情報はマスクしています (氏名は記載せず、電話番号は*)。照合は登録番号・"
                   "支援者番号で行ってください。");
        pages = doc.pages();
        doc.finish();
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        throw;
    }
    const std::string summary = "team call list of transport request #" +
                                std::to_string(request_id) + " for " + person->external_id +
                                (personal ? ", personal data included" : ", personal data masked");
    publish_report(store, temp, options.output, "team_call_list", summary);
    return {options.output, pages};
}

} // namespace breathline::data::reports
