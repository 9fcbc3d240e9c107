def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct

print(greet("Ada"))
print(greet("Alan", "Hi"))
print(greet("Grace", punct="?"))
print(greet(greeting="Hey", name="Linus"))
