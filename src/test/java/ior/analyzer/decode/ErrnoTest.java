package ior.analyzer.decode;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrnoTest {

    @Test
    void namesOfCommonReturns() {
        assertEquals("EPERM", Errno.name(-1));
        assertEquals("ENOENT", Errno.name(-2));
        assertEquals("EINTR", Errno.name(-4));
        assertEquals("EBADF", Errno.name(-9));
        assertEquals("EAGAIN", Errno.name(-11));
        assertEquals("EACCES", Errno.name(-13));
        assertEquals("EEXIST", Errno.name(-17));
        assertEquals("EINVAL", Errno.name(-22));
        assertEquals("ENOTTY", Errno.name(-25));
        assertEquals("ESPIPE", Errno.name(-29));
        assertEquals("EPIPE", Errno.name(-32));
        assertEquals("EDEADLK", Errno.name(-35));
        assertEquals("ENOSYS", Errno.name(-38));
        assertEquals("ENOTEMPTY", Errno.name(-39));
        assertEquals("ENODATA", Errno.name(-61));
        assertEquals("EOPNOTSUPP", Errno.name(-95));
        assertEquals("EADDRINUSE", Errno.name(-98));
        assertEquals("ECONNRESET", Errno.name(-104));
        assertEquals("ETIMEDOUT", Errno.name(-110));
        assertEquals("ECONNREFUSED", Errno.name(-111));
        assertEquals("EINPROGRESS", Errno.name(-115));
        assertEquals("EDQUOT", Errno.name(-122));
        assertEquals("EHWPOISON", Errno.name(-133));
    }

    @Test
    void kernelInternalCodes() {
        assertEquals("ERESTARTSYS", Errno.name(-512));
        assertEquals("ERESTARTNOINTR", Errno.name(-513));
        assertEquals("ERESTARTNOHAND", Errno.name(-514));
        assertEquals("ENOIOCTLCMD", Errno.name(-515));
        assertEquals("ERESTART_RESTARTBLOCK", Errno.name(-516));
        assertEquals("EPROBE_DEFER", Errno.name(-517));
        assertEquals("EOPENSTALE", Errno.name(-518));
        assertEquals("ENOPARAM", Errno.name(-519));
        assertEquals("EBADHANDLE", Errno.name(-521));
        assertEquals("ENOTSUPP", Errno.name(-524));
        assertEquals("EIOCBQUEUED", Errno.name(-529));
        assertEquals("ENOGRACE", Errno.name(-531));
    }

    @Test
    void valuesAreNotErrors() {
        assertNull(Errno.name(0));
        assertNull(Errno.name(5));
        assertNull(Errno.name(-4096));
        assertNull(Errno.name(0xffff_ffff_ffff_0000L)); // -65536: a value, not an errno
        assertNull(Errno.name(Long.MIN_VALUE));
        assertEquals("E4095", Errno.name(-4095));
        assertFalse(Errno.isError(-4096));
        assertTrue(Errno.isError(-4095));
        assertEquals(0, Errno.errno(-4096));
        assertEquals(2, Errno.errno(-2));
        assertEquals(0, Errno.errno(3));
    }

    @Test
    void everyNumberUpTo133HasAUniqueNameExceptTheTwoUnusedOnes() {
        Set<String> seen = new HashSet<>();
        for (int e = 1; e <= 133; e++) {
            String n = Errno.nameOf(e);
            assertNotNull(n);
            if (e == 41 || e == 58) {
                assertEquals("E" + e, n);
            } else {
                assertFalse(n.matches("E\\d+"), e + " -> " + n);
                assertTrue(seen.add(n), "duplicate " + n);
                assertEquals(e, Errno.number(n));
            }
        }
        assertEquals("E134", Errno.nameOf(134));
        assertEquals("E520", Errno.nameOf(520));
        assertNull(Errno.nameOf(0));
        assertNull(Errno.nameOf(4096));
        assertSame(Errno.nameOf(300), Errno.nameOf(300), "unnamed numbers are cached too");
    }

    @Test
    void aliases() {
        assertEquals(11, Errno.number("EWOULDBLOCK"));
        assertEquals(35, Errno.number("EDEADLOCK"));
        assertEquals(95, Errno.number("ENOTSUP"));
        assertEquals(-1, Errno.number("ENOSUCH"));
        assertEquals("would block", Errno.group("EWOULDBLOCK"));
    }

    @Test
    void restartsAreNotErrors() {
        for (long r : new long[] {-512, -513, -514, -516}) {
            assertTrue(Errno.isRestart(r), "restart " + r);
            assertFalse(Errno.isError(r), "error " + r);
        }
        assertFalse(Errno.isRestart(-515));
        assertTrue(Errno.isError(-515));
        assertFalse(Errno.isRestart(-4));
        assertTrue(Errno.isError(-4));
        assertTrue(Errno.isError(-1));
        assertFalse(Errno.isError(0));
        assertFalse(Errno.isError(512));
        assertFalse(Errno.isRestart(512));
    }

    @Test
    void messages() {
        assertEquals("No such file or directory", Errno.message(2));
        assertEquals("Resource temporarily unavailable", Errno.message(11));
        assertEquals("Permission denied", Errno.message(13));
        assertEquals("Unknown error 41", Errno.message(41));
        assertEquals("Unknown error 600", Errno.message(600));
        assertTrue(Errno.message(512).contains("restart"));
    }

    @Test
    void groups() {
        assertEquals(Errno.GROUP_NOT_FOUND, Errno.group("ENOENT"));
        assertEquals("not found", Errno.group("ENOTDIR"));
        assertEquals("permission", Errno.group("EACCES"));
        assertEquals("permission", Errno.group("EPERM"));
        assertEquals("permission", Errno.group("EROFS"));
        assertEquals("would block", Errno.group("EAGAIN"));
        assertEquals("would block", Errno.group("EINPROGRESS"));
        assertEquals("would block", Errno.group("EALREADY"));
        assertEquals("interrupted", Errno.group("EINTR"));
        assertEquals("interrupted", Errno.group("ERESTARTSYS"));
        assertEquals("interrupted", Errno.group("ERESTART_RESTARTBLOCK"));
        assertEquals("bad fd", Errno.group("EBADF"));
        assertEquals("exists", Errno.group("EEXIST"));
        assertEquals("exists", Errno.group("ENOTEMPTY"));
        assertEquals("invalid", Errno.group("EINVAL"));
        assertEquals("invalid", Errno.group("EFAULT"));
        assertEquals("invalid", Errno.group("ENOTTY"));
        assertEquals("resource", Errno.group("ENOMEM"));
        assertEquals("resource", Errno.group("ENOSPC"));
        assertEquals("resource", Errno.group("EMFILE"));
        assertEquals("resource", Errno.group("ENFILE"));
        assertEquals("resource", Errno.group("EDQUOT"));
        for (String n : new String[] {"ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH",
                "ENETUNREACH", "EADDRINUSE"}) {
            assertEquals("network", Errno.group(n), n);
        }
        assertEquals("other", Errno.group("EIO"));
        assertEquals("other", Errno.group("E41"));
        assertEquals("other", Errno.group("nonsense"));
        assertNull(Errno.group(null));
        assertEquals("not found", Errno.groupOf(-2));
        assertNull(Errno.groupOf(0));
    }
}
