import TutorCore
