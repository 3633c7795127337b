"""Creates, opens, stats, renames and removes files whose names are hostile to whatever renders
them later: HTML markup, quotes, terminal escapes, control characters, newlines, CSV formula
starters, invalid UTF-8 and a very long name; and renames its own thread to such a string.
Every name is written below one directory so the sample is deterministic."""
import ctypes, os, sys, threading

base = os.fsencode(sys.argv[1])
NAMES = [
    b"<script>alert(1)<\\script>.txt",
    b"<img src=x onerror=alert(1)>",
    b"\"double\" 'single' &amp; <b>bold<\\b>",
    b"\x1b[31mred\x1b[0m \x1b]0;owned\x07title",
    b"bell\x07 back\x08space del\x7f tab\tcr\r",
    b"new\nline.log",
    b"=HYPERLINK(\"x\")",
    b"+1-2@cmd",
    b"-minus",
    b"@at",
    b"bad\xff\xfeutf8\xc3(.bin",
    b"rtl\xe2\x80\xaeexe.txt",
    b"L" * 240,
]
libc = ctypes.CDLL(None, use_errno=True)
PR_SET_NAME = 15

def set_comm(name):
    buf = ctypes.create_string_buffer(name[:15])
    libc.prctl(PR_SET_NAME, buf, 0, 0, 0)

d = os.path.join(base, b"hostile")
os.mkdir(d)
for n in NAMES:
    p = os.path.join(d, n)
    fd = os.open(p, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.write(fd, b"x" * 64)
    os.close(fd)
    os.stat(p)
    fd = os.open(p, os.O_RDONLY)
    os.read(fd, 4096)
    os.close(fd)
for n in os.listdir(d):
    pass
try:
    os.open(os.path.join(d, b"<missing>\x1b[2J"), os.O_RDONLY)
except FileNotFoundError:
    pass
os.rename(os.path.join(d, NAMES[0]), os.path.join(d, b"renamed-<i>" + NAMES[0]))

def worker():
    set_comm(b"<b>\x1b[1mthr\"")
    p = os.path.join(d, b"from-thread-<&>")
    fd = os.open(p, os.O_CREAT | os.O_WRONLY, 0o600)
    os.write(fd, b"t")
    os.fsync(fd)
    os.close(fd)

t = threading.Thread(target=worker)
t.start(); t.join()
set_comm(b"=cmd|'/c calc'")
fd = os.open(os.path.join(d, b"after-rename\x1b[0m"), os.O_CREAT | os.O_WRONLY, 0o600)
os.close(fd)
for n in sorted(os.listdir(d)):
    os.unlink(os.path.join(d, n))
os.rmdir(d)
