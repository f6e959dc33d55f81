package io.github.mwoauth.kotlin

/** Marks the query DSL, so an inner block cannot reach an outer builder by accident. */
@DslMarker
annotation class ApiQueryDslMarker

/**
 * An Action API query, written as
 * ```
 * val query = apiQuery {
 *     action = "query"
 *     list("usercontribs")
 *     this["ucuser"] = name
 *     this["uclimit"] = 50
 * }
 * ```
 * The result is the plain map that [io.github.mwoauth.ReactiveMediaWikiClient.request] takes (in order of
 * writing). Multi-value fields ([list], [meta], [prop]) collect every value given and are sent joined with `|`.
 */
fun apiQuery(build: ApiQueryBuilder.() -> Unit): Map<String, Any> = ApiQueryBuilder().apply(build).toMap()

/** The fields of one query; see [apiQuery]. */
@ApiQueryDslMarker
class ApiQueryBuilder internal constructor() {

    private val fields = LinkedHashMap<String, Any>()

    /** The module to run: `query`, `edit`, `parse`, ... */
    var action: String?
        get() = fields["action"] as String?
        set(value) = set("action", value)

    /** Adds `list` modules, e.g. `list("usercontribs")`. */
    fun list(vararg modules: String) = addValues("list", modules)

    /** Adds `meta` modules, e.g. `meta("userinfo", "tokens")`. */
    fun meta(vararg modules: String) = addValues("meta", modules)

    /** Adds `prop` modules, e.g. `prop("revisions")`. */
    fun prop(vararg modules: String) = addValues("prop", modules)

    /**
     * Sets a field: `this["ucuser"] = "Alice"`. Values as the client takes them: strings, numbers, booleans
     * (`true` sends the flag, `false` leaves it out), iterables (joined with `|`); `null` removes the field.
     */
    operator fun set(name: String, value: Any?) {
        require(name.isNotEmpty()) { "field names cannot be empty" }
        if (value == null) fields.remove(name) else fields[name] = value
    }

    /** A field's value, or `null`. */
    operator fun get(name: String): Any? = fields[name]

    private fun addValues(name: String, values: Array<out String>) {
        val current = when (val old = fields[name]) {
            null -> emptyList()
            is List<*> -> old.map { it.toString() }
            else -> listOf(old.toString())
        }
        fields[name] = (current + values).distinct()
    }

    internal fun toMap(): Map<String, Any> = LinkedHashMap(fields)
}
