class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} says {self.sound}"

class Dog(Animal):
    sound = "woof"

class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return super().speak() + f" ({self.age} months)"

for a in [Animal("generic"), Dog("Rex"), Puppy("Bit", 3)]:
    print(a.speak())
print(isinstance(Puppy("a", 1), Animal), issubclass(Puppy, Dog), issubclass(Dog, Puppy))
print([c.__name__ for c in Puppy.__mro__])
