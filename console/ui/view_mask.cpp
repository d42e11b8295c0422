#include "console/ui/view_mask.h"

#include <algorithm>
#include <cmath>

namespace breathline::ui {

std::optional<data::privacy::MaskOptions> mask_options(const Settings& settings) {
    if (!settings.masks_personal_data()) return std::nullopt;
    data::privacy::MaskOptions o;
    o.names = settings.projector_initials ? data::privacy::NameStyle::initials
                                          : data::privacy::NameStyle::registry_number;
    // A hand-edited ini may hold anything; mask_person requires a distance ≥ 0.
    const double d = settings.projector_displace_m;
    o.displace_m =
        std::isnan(d) ? data::privacy::MaskOptions{}.displace_m : std::clamp(d, 0.0, 1000.0);
    return o;
}

data::Person shown(const data::Person& person,
                   const std::optional<data::privacy::MaskOptions>& mask) {
    return mask ? data::privacy::mask_person(person, *mask) : person;
}

data::Supporter shown(const data::Supporter& supporter,
                      const std::optional<data::privacy::MaskOptions>& mask) {
    return mask ? data::privacy::mask_supporter(supporter, *mask) : supporter;
}

data::Contact shown(const data::Contact& contact,
                    const std::optional<data::privacy::MaskOptions>& mask) {
    return mask ? data::privacy::mask_contact(contact) : contact;
}

std::vector<data::Person> shown(std::vector<data::Person> persons,
                                const std::optional<data::privacy::MaskOptions>& mask) {
    if (mask)
        for (auto& p : persons)
            p = data::privacy::mask_person(p, *mask);
    return persons;
}

} // namespace breathline::ui
