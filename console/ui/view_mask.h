#pragma once
/// The console's side of data-layer masking (issue 8): in drill or projector mode every person,
/// supporter and contact the controller reads from the store goes through
/// data::privacy::mask_* before it enters the ViewModel or the map scene, so panels, tooltips,
/// labels and the search index only ever hold masked records. No GL, no ImGui.
///
/// Thread-safe (pure functions of their arguments).

#include "console/ui/settings.h"
#include "data/model/person.h"
#include "data/privacy/mask.h"

#include <optional>
#include <vector>

namespace breathline::ui {

/// The mask the settings ask for: nullopt when personal data may be shown
/// (!settings.masks_personal_data()), else initials or registry numbers
/// (projector_initials) and the displacement (projector_displace_m, clamped to 0..1000 m).
std::optional<data::privacy::MaskOptions> mask_options(const Settings& settings);

/// The record as the view may hold it under `mask` (unchanged when mask is nullopt).
data::Person shown(const data::Person& person,
                   const std::optional<data::privacy::MaskOptions>& mask);
data::Supporter shown(const data::Supporter& supporter,
                      const std::optional<data::privacy::MaskOptions>& mask);
data::Contact shown(const data::Contact& contact,
                    const std::optional<data::privacy::MaskOptions>& mask);
std::vector<data::Person> shown(std::vector<data::Person> persons,
                                const std::optional<data::privacy::MaskOptions>& mask);

} // namespace breathline::ui
