package io.github.mwoauth.kotlin

import io.github.mwoauth.ReactiveMediaWikiClient
import io.github.mwoauth.UploadContent
import io.github.mwoauth.UploadException
import io.github.mwoauth.UploadProgress
import io.github.mwoauth.UploadRequest
import io.github.mwoauth.testkit.ConsumerRegistration
import io.github.mwoauth.testkit.LocalWiki
import io.github.mwoauth.testkit.LocalWikiExtension
import java.security.MessageDigest
import java.util.HexFormat
import java.util.Random
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension

/** The suspending upload and the Flow of progress against the LocalWiki emulator. */
class UploadsExtensionsTests {

    @JvmField
    @RegisterExtension
    val extension: LocalWikiExtension = LocalWikiExtension.create()

    private lateinit var wiki: LocalWiki
    private lateinit var client: ReactiveMediaWikiClient

    @BeforeEach
    fun setUp() {
        wiki = extension.get()
        wiki.registerUser("Alice")
        val bot = wiki.registerConsumer(ConsumerRegistration.ownerOnly("Alice's uploader", "Alice")
            .withGrants("basic", "editpage", "createeditmovepage", "uploadfile"))
        client = ReactiveMediaWikiClient.builder().wiki(wiki.scriptPath()).consumer(bot.credentials())
            .accessToken(bot.ownerToken()!!, bot.ownerSecret()!!).userAgent("KotlinTests/1.0 (tests@example.org)")
            .build()
    }

    private fun png(size: Int, seed: Long): ByteArray {
        val bytes = ByteArray(size).also { Random(seed).nextBytes(it) }
        byteArrayOf(0x89.toByte(), 'P'.code.toByte(), 'N'.code.toByte(), 'G'.code.toByte()).copyInto(bytes)
        return bytes
    }

    private fun sha1(bytes: ByteArray): String = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes))

    @Test
    fun `awaitUpload publishes the file and tells its SHA-1`() = runBlocking<Unit> {
        val bytes = png(6000, 1)
        val result = client.awaitUpload(UploadRequest.of("Kotlin probe.png", UploadContent.of(bytes)).comment("from Kotlin"))
        assertThat(result.filename()).isEqualTo("Kotlin_probe.png")
        assertThat(result.sha1()).isEqualTo(sha1(bytes))
    }

    @Test
    fun `uploadFlow reports chunks, then verifying and committing, and ends with the result`() = runBlocking<Unit> {
        val bytes = png(3 * 65536 + 10, 2)
        val events = client.uploads().uploadFlow(UploadRequest.of("Kotlin chunks.png", UploadContent.of(bytes))
            .chunkSize(65536)).toList()
        assertThat(events.map { it.stage() }.distinct()).containsExactly(UploadProgress.Stage.SENDING,
            UploadProgress.Stage.VERIFYING, UploadProgress.Stage.COMMITTING, UploadProgress.Stage.DONE)
        assertThat(events.last().result()!!.sha1()).isEqualTo(sha1(bytes))
        assertThat(events.last().fraction()).isEqualTo(1.0)
    }

    @Test
    fun `awaitUpload throws the wiki's code`() {
        assertThatThrownBy { runBlocking { client.uploads().awaitUpload(UploadRequest.of("Text.txt", UploadContent.of("x".repeat(100).toByteArray()))) } }
            .isInstanceOf(UploadException::class.java).extracting { (it as UploadException).code() }
            .isEqualTo("filetype-banned")
    }
}
