//! The JSON Schema of a rule file (`unweave rules schema`), so that editors validate and
//! complete rule files as they are typed. It is built from the same lists the loader checks
//! against ([`keys`](super::keys), [`Kind::ALL`], [`WEIGHTS`]), so the two cannot drift apart.

use serde_json::{json, Value};

use super::keys::{EXAMPLE_KEYS, FILE_KEYS, RULE_KEYS, WEIGHT_KEYS};
use super::{Kind, WEIGHTS};

/// The schema, draft 2020-12.
pub fn json() -> Value {
    let kinds: Vec<Value> = Kind::ALL.iter().map(|k| json!({ "const": k.name(), "description": k.doc() })).collect();
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://unweave.invalid/rules.schema.json",
        "title": "unweave rule file",
        "description": "Rules and join weights of unweave. A folder given with --rules is layered over the embedded rules: a rule with the same name replaces the default, `disabled: true` switches one off, a new name adds one.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "rules": { "type": "array", "items": { "$ref": "#/$defs/rule" } },
            "weights": {
                "type": "object",
                "description": "Weights of the join and header scoring, by name.",
                "propertyNames": { "enum": WEIGHTS },
                "additionalProperties": { "$ref": "#/$defs/weight" }
            }
        },
        "$defs": {
            "rule": {
                "type": "object",
                "additionalProperties": false,
                "required": ["name"],
                "properties": {
                    "name": { "type": "string", "minLength": 1, "description": "Unique name; a rules folder replaces the default rule of the same name." },
                    "doc": { "type": "string", "minLength": 1, "description": "One line: what the rule is for." },
                    "kind": { "oneOf": kinds, "description": "The mechanism the rule feeds." },
                    "pattern": { "type": "string", "description": "A regular expression (Rust regex syntax), for every kind but the keyword kinds." },
                    "keywords": { "type": "array", "items": { "type": "string", "minLength": 1 }, "description": "Plain strings, for the keyword kinds (terminal, closer, no_start, no_start_word, opener_word, no_end, list_mark, number_unit, paired_marks, author_role, surname, markup)." },
                    "disabled": { "type": "boolean", "description": "Switch off the rule of this name." },
                    "examples": { "type": "array", "items": { "$ref": "#/$defs/example" }, "description": "Lines that must (or must not) match, run by `unweave rules test`." }
                },
                "if": { "properties": { "disabled": { "const": true } }, "required": ["disabled"] },
                "else": { "required": ["doc", "kind"] }
            },
            "example": {
                "type": "object",
                "additionalProperties": false,
                "required": ["text"],
                "properties": {
                    "text": { "type": "string", "description": "The line the rule is tried on." },
                    "matches": { "type": "boolean", "default": true, "description": "Whether the rule must match it." },
                    "authors": { "type": "array", "items": { "type": "string" }, "description": "The authors the match must yield." },
                    "dateline": { "type": "string", "description": "The dateline the match must yield." },
                    "byline": { "type": "string", "description": "The byline text the match must yield." },
                    "marker": { "type": "string", "description": "The jump marker the match must yield." }
                }
            },
            "weight": {
                "type": "object",
                "additionalProperties": false,
                "required": ["value"],
                "properties": {
                    "value": { "type": "number" },
                    "doc": { "type": "string", "description": "What the weight rewards or penalises." }
                }
            }
        }
    });
    debug_assert!(keys_match(&schema));
    schema
}

/// The schema's keys are exactly the keys the loader accepts.
fn keys_match(schema: &Value) -> bool {
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v["properties"].as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
        k.sort();
        k
    };
    let sorted = |k: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = k.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    };
    keys(schema) == sorted(FILE_KEYS)
        && keys(&schema["$defs"]["rule"]) == sorted(RULE_KEYS)
        && keys(&schema["$defs"]["example"]) == sorted(EXAMPLE_KEYS)
        && keys(&schema["$defs"]["weight"]) == sorted(WEIGHT_KEYS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn schema_keys_are_the_loader_keys() {
        assert!(super::keys_match(&super::json()));
    }
}
