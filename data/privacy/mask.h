#pragma once
/// Masking of personal data at the data layer (issue 8, projector/drill display): what a
/// projected screen may know of a person is produced here, before any view model, map scene,
/// tooltip or export sees the record, so no widget can leak what it never received.
///
/// A masked Person keeps what the HQ needs to run the drill (registry number, device, battery
/// and oxygen figures, care level, town) and loses what identifies someone in the room: the
/// name becomes the registry number or initials, the kana, birth date, phones, street address
/// (cut to the 町丁目), postal code, free-text notes and consent signer are cleared, and the
/// home is moved by a fixed distance in a direction derived from the registry number and a
/// seed (deterministic, so the symbol does not jump between frames or runs; the seed keeps
/// the direction from being guessed across drills).
///
/// Thread-safe (pure).

#include "data/model/person.h"

#include <cstdint>
#include <string>

namespace breathline::data::privacy {

enum class NameStyle {
    registry_number, ///< "[T-0012]"
    initials         ///< "Y.T. [T-0012]": romanised initials from the kana when known, else
                     ///< the registry number only; never a character of the name itself
};

struct MaskOptions {
    NameStyle names = NameStyle::registry_number;
    double displace_m = 150;   ///< ≥ 0; how far homes move (metres, on the ground)
    std::uint64_t seed = 0x5eed; ///< direction seed
};

/// The masked copy of `person` (see the file comment). A person without a location stays
/// without one. Precondition: options.displace_m >= 0.
Person mask_person(const Person& person, const MaskOptions& options);
/// Supporter: name → supporter number, kana/phone/address/notes cleared, location displaced.
Supporter mask_supporter(const Supporter& supporter, const MaskOptions& options);
/// Contact: name and phone/fax cleared; organisation kept (a clinic is not personal data).
Contact mask_contact(const Contact& contact);

/// The displayed name of a masked person, as mask_person sets Person::name.
std::string masked_name(const Person& person, NameStyle style);

/// True when `text` contains `name` or, for names of at least two characters, the name with
/// its spaces removed (氏名 are often written with a full-width or ASCII space between family
/// and given name). Used by the privacy scans of tests. Empty names never match.
bool contains_name(const std::string& text, const std::string& name);

} // namespace breathline::data::privacy
