// JSON Lines records (doc/records.md): document, event, casualty.
#ifndef TOCSIN_OUTPUT_JSON_H_
#define TOCSIN_OUTPUT_JSON_H_

#include <nlohmann/json.hpp>

#include "tocsin/core/document.h"
#include "tocsin/extract/records.h"

namespace tocsin::output {

nlohmann::ordered_json DocumentRecord(const Document& doc, const extract::Extraction& x);
nlohmann::ordered_json EventRecord(const Document& doc, const extract::Event& e);
nlohmann::ordered_json CasualtyRecord(const Document& doc, const extract::Casualty& c);
nlohmann::ordered_json ActorJson(const extract::Actor& a);
nlohmann::ordered_json PlaceJson(const extract::Place& p);

}  // namespace tocsin::output

#endif  // TOCSIN_OUTPUT_JSON_H_
