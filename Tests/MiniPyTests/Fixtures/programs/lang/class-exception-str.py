class MyErr(Exception):
    def __str__(self):
        return "custom message"
try:
    raise MyErr()
except Exception as e:
    print("caught:", e)
raise MyErr("ignored")
