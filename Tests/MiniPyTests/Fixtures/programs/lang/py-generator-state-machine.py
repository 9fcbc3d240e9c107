def traffic_light():
    states = ["green", "yellow", "red"]
    i = 0
    while True:
        command = yield states[i]
        if command == "reset":
            i = 0
        else:
            i = (i + 1) % len(states)

light = traffic_light()
print(next(light), next(light), next(light), next(light))
print(light.send("reset"), next(light))
